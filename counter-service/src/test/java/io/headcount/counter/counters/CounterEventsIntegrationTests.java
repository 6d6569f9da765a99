package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every applied change, and only those, reaches headcount.counter-events as a
 * CounterChanged.
 */
@CounterIntegrationTest
class CounterEventsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void appliedChangesArePublishedKeyedByObject() {
		Api a = new Api(this.port);
		String object = "post-" + UUID.randomUUID();
		String base = "/v1/objects/" + object;
		a.put("alice", base + "/likes/me");
		a.put("alice", base + "/likes/me"); // no change, no event
		a.delete("bob", base + "/likes/me"); // no change, no event
		a.delete("alice", base + "/likes/me");
		a.post("carol", base + "/views", Map.of("Idempotency-Key", "v1"));
		a.post("carol", base + "/views", Map.of("Idempotency-Key", "v1")); // replay, no
																			// event
		a.put("dave", base + "/counters/shares", "{\"action\":\"increment\",\"delta\":5}", Map.of());

		List<CounterChanged> events = new CopyOnWriteArrayList<>();
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "counter-events-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.COUNTER_EVENTS));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (object.equals(record.key())) {
						events.add(EventJson.read(record.value(), CounterChanged.class));
					}
				}
				assertThat(events).hasSize(4);
			});
		}
		assertThat(events)
			.extracting(CounterChanged::counter, CounterChanged::delta, CounterChanged::value, CounterChanged::actorId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("likes", 1L, 1L, "alice"),
					org.assertj.core.groups.Tuple.tuple("likes", -1L, 0L, "alice"),
					org.assertj.core.groups.Tuple.tuple("views", 1L, 1L, "carol"),
					org.assertj.core.groups.Tuple.tuple("shares", 5L, 5L, "dave"));
		assertThat(events.get(2).idempotencyKey()).isEqualTo("v1");
		assertThat(events).allSatisfy((e) -> assertThat(e.objectId()).isEqualTo(object));
		assertThat(events).extracting(CounterChanged::eventId).doesNotHaveDuplicates();
	}

}
