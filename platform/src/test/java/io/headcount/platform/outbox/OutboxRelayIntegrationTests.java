package io.headcount.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.EventsAutoConfiguration;
import io.headcount.platform.events.EventsProperties;
import io.headcount.platform.events.HeadcountEvent;
import io.headcount.platform.events.Topics;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.testapp.PlatformTestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relays against the real Redis Cluster and Kafka broker: records written by a script in
 * the same call as a state change reach Kafka in order per key with ids derived from the
 * entries, and leave their streams; a relay that stops between Kafka's acknowledgement
 * and the delete (as a kill -9 would stop it) leaves its streams to another relay after
 * its lease, which sends them again with the same event ids.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithDevStack
class OutboxRelayIntegrationTests {

	private static final LuaScript WRITE = LuaScript.load(OutboxRelayIntegrationTests.class, "change-with-event.lua");

	private static final OutboxProperties PROPERTIES = new OutboxProperties(Duration.ofSeconds(3),
			Duration.ofMillis(50), Duration.ofMillis(400), 100, 250_000, 1, Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));

	@Autowired
	RedisConnections connections;

	@Autowired
	RedisCalls calls;

	@Autowired
	ProducerFactory<?, ?> producerFactory;

	@Autowired
	EventsProperties events;

	@Test
	void recordsReachKafkaInOrderPerKeyWithEntryDerivedIdsAndLeaveTheirStreams() {
		OutboxStreams streams = streams();
		Map<String, List<String>> written = write(streams, 3, 100);
		OutboxRelay relay = relay(streams, (stream, ids) -> {
		});
		try (KafkaConsumer<String, String> consumer = consumer()) {
			relay.start();
			Map<String, List<String>> received = new LinkedHashMap<>();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> poll(consumer, written, received) && count(received) >= count(written));
			assertThat(received).isEqualTo(written);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(streams.keys())
					.allSatisfy((key) -> assertThat(this.connections.connection().sync().xlen(key)).isZero()));
			assertThat(relay.snapshot().streamsHeld()).isEqualTo(streams.keys().size());
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void aRelayStoppedAfterKafkasAcknowledgementAndBeforeTheDeleteCausesDuplicatesWithTheSameIdsNeverALoss()
			throws Exception {
		OutboxStreams streams = streams();
		Map<String, List<String>> written = write(streams, 2, 50);
		CountDownLatch acknowledged = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		AtomicLong stalledAt = new AtomicLong();
		// the first relay "dies" when Kafka acknowledged its first read: its thread never
		// deletes, renews or reads again
		OutboxRelay dying = relay(streams, (stream, ids) -> {
			stalledAt.compareAndSet(0, System.nanoTime());
			acknowledged.countDown();
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("stopped");
			}
		});
		OutboxRelay survivor = relay(streams, (stream, ids) -> {
		});
		try (KafkaConsumer<String, String> consumer = consumer()) {
			dying.start();
			assertThat(acknowledged.await(30, TimeUnit.SECONDS)).isTrue();
			survivor.start();
			Map<String, List<String>> received = new LinkedHashMap<>();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> poll(consumer, written, received) && count(received) > count(written)
						&& distinct(received) == count(written) && survivor.snapshot().backlog() == 0
						&& survivor.snapshot().streamsHeld() == streams.keys().size());
			long tookOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt.get());
			int duplicates = count(received) - distinct(received);
			System.out.printf(
					"outbox relay stalled after Kafka's ack: %d records, %d received, %d duplicates (same ids), "
							+ "all relayed by the other relay %d ms after the stall (lease %d ms)%n",
					count(written), count(received), duplicates, tookOverMillis, PROPERTIES.leaseTtl().toMillis());
			assertThat(duplicates).isPositive();
			// every id is one the writer's entries got, none missing, and per key in
			// order
			// once repeated ones are left out
			Map<String, List<String>> firstSeen = new LinkedHashMap<>();
			received.forEach((key, ids) -> firstSeen.put(key, ids.stream().distinct().toList()));
			assertThat(firstSeen).isEqualTo(written);
			assertThat(Duration.ofMillis(tookOverMillis)).isLessThan(PROPERTIES.leaseTtl().plusSeconds(3));
		}
		finally {
			survivor.stop();
			dying.stop();
		}
	}

	private OutboxStreams streams() {
		String run = UUID.randomUUID().toString();
		return new OutboxStreams("test-" + run, List.of("outbox-test:{" + run + "-a}", "outbox-test:{" + run + "-b}"));
	}

	/**
	 * Writes {@code perKey} changes for each of {@code keys} users, a user's changes to
	 * one stream; the event ids they get, per user, in order.
	 */
	private Map<String, List<String>> write(OutboxStreams streams, int keys, int perKey) {
		Map<String, List<String>> ids = new LinkedHashMap<>();
		for (int i = 0; i < perKey; i++) {
			for (int k = 0; k < keys; k++) {
				String user = "outbox-" + streams.name() + "-" + k;
				String stream = streams.keys().get(k % streams.keys().size());
				String payload = "{\"type\":\"PresenceChanged\",\"version\":1,\"userId\":\"" + user + "\",\"status\":\""
						+ ((i % 2 == 0) ? "online" : "away") + "\"}";
				String entry = this.calls.await(this.connections.async()
					.eval(WRITE.text(), io.lettuce.core.ScriptOutputType.VALUE,
							new String[] { stream.replace("outbox-test:", "counter:"), stream }, Topics.PRESENCE_EVENTS,
							user, payload));
				ids.computeIfAbsent(user, (u) -> new ArrayList<>()).add(OutboxRecord.eventId(stream, entry));
			}
		}
		return ids;
	}

	private OutboxRelay relay(OutboxStreams streams, OutboxRelay.AfterAcknowledgement hook) {
		Map<String, Object> config = new HashMap<>(
				EventsAutoConfiguration.eventProducerConfig(this.producerFactory, this.events));
		return new OutboxRelay(streams, this.connections, this.calls,
				() -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()), PROPERTIES,
				new SimpleMeterRegistry(), "outbox-test", hook);
	}

	private static KafkaConsumer<String, String> consumer() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(Topics.PRESENCE_EVENTS));
		return consumer;
	}

	/** Adds the ids of this test's events, per key in topic order; always true. */
	private static boolean poll(KafkaConsumer<String, String> consumer, Map<String, List<String>> written,
			Map<String, List<String>> received) {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
			if (written.containsKey(record.key())) {
				HeadcountEvent event = EventJson.read(record.value());
				received.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(event.eventId());
			}
		}
		return true;
	}

	private static int count(Map<String, List<String>> ids) {
		return ids.values().stream().mapToInt(List::size).sum();
	}

	private static int distinct(Map<String, List<String>> ids) {
		return (int) ids.values().stream().flatMap(List::stream).distinct().count();
	}

}
