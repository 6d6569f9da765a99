package io.headcount.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.events.EventsAutoConfiguration;
import io.headcount.platform.events.EventsProperties;
import io.headcount.platform.events.Topics;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.testapp.PlatformTestApplication;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay on the real Redis Cluster and broker: it delivers every record in order per
 * key with the event id derived from its entry, a killed relay's streams are taken over
 * once its lease runs out, and a relay killed between Kafka's acknowledgement and the
 * delete causes a duplicate with the same event id, never a loss. About 25 s.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithDevStack
class OutboxRelayIntegrationTests {

	private static final OutboxProperties PROPERTIES = new OutboxProperties(Duration.ofSeconds(2),
			Duration.ofMillis(50), 100, 1000, 1, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(30),
			Duration.ofSeconds(2));

	private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

	@Autowired
	RedisConnections connections;

	@Autowired
	RedisCalls calls;

	@Autowired
	ProducerFactory<?, ?> boots;

	@Autowired
	EventsProperties events;

	private final List<OutboxRelay> relays = new ArrayList<>();

	@AfterEach
	void stopRelays() {
		this.relays.forEach(OutboxRelay::stop);
	}

	@Test
	void deliversEveryRecordInOrderPerKeyWithTheEventIdOfItsEntry() {
		OutboxStreams streams = OutboxStreams.slotGroups("t" + UUID.randomUUID().toString().substring(0, 8), 4);
		String key = "outbox-test-" + UUID.randomUUID();
		Map<String, String> expected = write(streams, key, 60);
		try (KafkaConsumer<String, String> consumer = consumer()) {
			relay(streams, (stream, ids) -> {
			}).start();
			List<String> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> poll(consumer, key, received) >= expected.size());
			assertThat(received).containsExactlyElementsOf(expected.keySet());
			await().atMost(Duration.ofSeconds(10)).until(() -> backlog(streams) == 0);
		}
	}

	@Test
	void aKilledRelaysStreamsAreTakenOverWhenItsLeaseRunsOut() {
		OutboxStreams streams = OutboxStreams.slotGroups("t" + UUID.randomUUID().toString().substring(0, 8), 4);
		String key = "outbox-test-" + UUID.randomUUID();
		OutboxRelay first = relay(streams, (stream, ids) -> {
		});
		first.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> first.snapshot().streamsHeld() == 4);
		first.crash();
		OutboxRelay second = relay(streams, (stream, ids) -> {
		});
		second.start();
		long killedAt = System.nanoTime();
		Map<String, String> expected = write(streams, key, 20);
		try (KafkaConsumer<String, String> consumer = consumer()) {
			List<String> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> poll(consumer, key, received) >= expected.size());
			Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
			System.out.printf("Outbox lease takeover: a killed relay's streams delivered by another after %d ms "
					+ "(lease %d ms)%n", takeover.toMillis(), PROPERTIES.leaseTtl().toMillis());
			assertThat(received).containsExactlyElementsOf(expected.keySet());
			assertThat(takeover).isLessThan(PROPERTIES.leaseTtl().plusSeconds(3));
		}
	}

	@Test
	void aRelayKilledBetweenAcknowledgementAndDeleteCausesDuplicatesWithTheSameEventIdNeverALoss() {
		OutboxStreams streams = OutboxStreams.slotGroups("t" + UUID.randomUUID().toString().substring(0, 8), 4);
		String key = "outbox-test-" + UUID.randomUUID();
		List<String> acknowledged = new CopyOnWriteArrayList<>();
		Set<String> crashed = ConcurrentHashMap.newKeySet();
		OutboxRelay first = relay(streams, (stream, ids) -> {
			ids.forEach((id) -> acknowledged.add(OutboxRecord.eventId(stream, id)));
			crashed.add(stream);
			// frozen here, as a process killed between the acknowledgement and the delete
			while (!Thread.currentThread().isInterrupted()) {
				LockSupport.park();
			}
			throw new IllegalStateException("killed");
		});
		Map<String, String> expected = write(streams, key, 40);
		first.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> !acknowledged.isEmpty());
		first.crash();
		relay(streams, (stream, ids) -> {
		}).start();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			List<String> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> poll(consumer, key, received) >= expected.size() + acknowledged.size()
						&& received.containsAll(expected.keySet()));
			Map<String, Integer> counts = new HashMap<>();
			received.forEach((id) -> counts.merge(id, 1, Integer::sum));
			List<String> duplicated = counts.entrySet()
				.stream()
				.filter((e) -> e.getValue() > 1)
				.map(Map.Entry::getKey)
				.toList();
			System.out.printf("Outbox relay killed after Kafka's ack: %d records, %d received, %d duplicated "
					+ "(same eventId), 0 missing%n", expected.size(), received.size(), duplicated.size());
			assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
			assertThat(duplicated).containsExactlyInAnyOrderElementsOf(acknowledged);
			await().atMost(Duration.ofSeconds(10)).until(() -> backlog(streams) == 0);
		}
	}

	private OutboxRelay relay(OutboxStreams streams, OutboxRelay.AfterAcknowledgement hook) {
		OutboxRelay relay = new OutboxRelay(streams, this.connections, this.calls,
				() -> new KafkaProducer<>(EventsAutoConfiguration.eventProducerConfig(this.boots, this.events),
						new StringSerializer(), new StringSerializer()),
				PROPERTIES, new SimpleMeterRegistry(), "test", hook);
		this.relays.add(relay);
		return relay;
	}

	/**
	 * Writes {@code count} records for one key round-robin over the streams, as the
	 * services' scripts do; returns event id to stream entry, in the order written.
	 */
	private Map<String, String> write(OutboxStreams streams, String key, int count) {
		Map<String, String> written = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			// one stream per key: records of one entity stay in one stream, in order
			String stream = streams.keys().get(Math.floorMod(key.hashCode(), streams.keys().size()));
			String id = this.calls.await(this.connections.async()
				.xadd(stream,
						Map.of(OutboxRecord.TOPIC, Topics.COUNTER_EVENTS, OutboxRecord.KEY, key, OutboxRecord.TS,
								Long.toString(System.currentTimeMillis()), OutboxRecord.PAYLOAD,
								"{\"type\":\"test\",\"seq\":" + i + "}")));
			written.put(OutboxRecord.eventId(stream, id), stream + "/" + id);
		}
		return written;
	}

	private long backlog(OutboxStreams streams) {
		long backlog = 0;
		for (String stream : streams.keys()) {
			backlog += this.calls.await(this.connections.async().xlen(stream));
		}
		return backlog;
	}

	private static int poll(KafkaConsumer<String, String> consumer, String key, List<String> received) {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
			if (key.equals(record.key())) {
				received.add(eventId(record.value()));
			}
		}
		return received.size();
	}

	private static String eventId(String value) {
		Matcher matcher = EVENT_ID.matcher(value);
		assertThat(matcher.find()).as(value).isTrue();
		return matcher.group(1);
	}

	private static KafkaConsumer<String, String> consumer() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(Topics.COUNTER_EVENTS));
		return consumer;
	}

}
