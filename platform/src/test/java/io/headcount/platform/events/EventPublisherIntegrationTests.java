package io.headcount.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.testapp.PlatformTestApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events published while the real broker is down for a minute are delivered, in order,
 * once it is back; publishing never waited for it, and readiness stayed up. The stack is
 * the class's own, so the minute passes while the module's other classes run.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithDevStack(own = true)
@Execution(ExecutionMode.CONCURRENT)
class EventPublisherIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(60);

	@Autowired
	DevStack stack;

	@Autowired
	EventPublisher publisher;

	@Autowired
	@Qualifier("kafkaHealthIndicator")
	HealthIndicator kafkaHealth;

	@Autowired
	HealthEndpoint health;

	@Test
	void eventsPublishedDuringAMinuteLongOutageAreDeliveredInOrderAfterwards() {
		DevStack stack = this.stack;
		String userId = "outage-" + UUID.randomUUID();
		try (KafkaConsumer<String, String> consumer = consumer(stack)) {
			List<String> received = new ArrayList<>();
			List<String> published = new ArrayList<>();
			// the topic's metadata is known, as in a service that has been running for a
			// while
			published.add(publish(userId, "online"));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> poll(consumer, userId, received) && received.size() == 1);

			stack.stopKafka();
			long stoppedAt = System.nanoTime();
			long[] slowestPublish = { 0 };
			// one event a second for the whole outage, each publish timed
			await().atMost(OUTAGE.plusSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				long started = System.nanoTime();
				published.add(publish(userId, (published.size() % 2 == 0) ? "online" : "away"));
				slowestPublish[0] = Math.max(slowestPublish[0], System.nanoTime() - started);
				return System.nanoTime() - stoppedAt >= OUTAGE.toNanos();
			});
			assertThat(this.publisher.pending()).isEqualTo(published.size() - 1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.kafkaHealth.health().getStatus()).isEqualTo(Status.DOWN));
			assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);

			stack.startKafka();
			long restartedAt = System.nanoTime();
			Duration outage = Duration.ofNanos(restartedAt - stoppedAt);
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> poll(consumer, userId, received) && received.size() >= published.size());
			Duration deliveredAfter = Duration.ofNanos(System.nanoTime() - restartedAt);

			System.out.printf(
					"Kafka outage: broker down %d s, %d events published meanwhile (slowest publish() %.2f ms), "
							+ "all delivered %d ms after the restart%n",
					outage.toSeconds(), published.size() - 1, slowestPublish[0] / 1e6, deliveredAfter.toMillis());
			assertThat(received).containsExactlyElementsOf(published);
			// a blocking send would take max.block.ms (5 s) or the whole outage; 1 s
			// leaves room for a busy machine's GC pauses
			assertThat(Duration.ofNanos(slowestPublish[0])).isLessThan(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.publisher.pending() == 0);
		}
		finally {
			stack.startKafka();
		}
	}

	private String publish(String userId, String status) {
		PresenceChanged event = new PresenceChanged(UUID.randomUUID().toString(), Instant.now(), userId, status, null,
				Instant.now(), "test", "outage-test");
		assertThat(this.publisher.publish(event)).isTrue();
		return event.eventId();
	}

	/**
	 * Adds the ids of this test's events that arrived; always true, to be used inside
	 * until().
	 */
	private static boolean poll(KafkaConsumer<String, String> consumer, String userId, List<String> received) {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
			if (userId.equals(record.key())) {
				received.add(EventJson.read(record.value()).eventId());
			}
		}
		return true;
	}

	private static KafkaConsumer<String, String> consumer(DevStack stack) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "platform-outage-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(Topics.PRESENCE_EVENTS));
		return consumer;
	}

}
