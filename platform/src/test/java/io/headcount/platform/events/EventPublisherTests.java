package io.headcount.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** The publisher's hand-off and retry logic, on Kafka's own MockProducer. */
class EventPublisherTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private EventPublisher publisher;

	@AfterEach
	void stop() {
		if (this.publisher != null && this.publisher.isRunning()) {
			this.publisher.stop();
		}
	}

	@Test
	void publishReturnsAtOnceWhileTheProducerIsBlocked() throws Exception {
		CountDownLatch brokerBack = new CountDownLatch(1);
		MockProducer<String, String> producer = new KeptOpenProducer(true) {
			@Override
			public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
				awaitQuietly(brokerBack); // what KafkaProducer does for max.block.ms
											// without metadata
				return super.send(record, callback);
			}
		};
		this.publisher = start(producer);

		// The producer stays blocked until brokerBack opens below, so a publish() that
		// waited for it would never return: finishing at all proves it does not block
		// (the generous bound only keeps a failure from hanging).
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> IntStream.range(0, 1_000)
			.forEach((i) -> assertThat(this.publisher.publish(Events.presenceChanged())).isTrue()));
		assertThat(this.publisher.pending()).isEqualTo(1_000);
		assertThat(this.registry.get("headcount.events.queued").gauge().value()).isGreaterThanOrEqualTo(999);

		brokerBack.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.publisher.pending() == 0);
		assertThat(producer.history()).hasSize(1_000);
		assertThat(this.registry.get("headcount.events.sent").counter().count()).isEqualTo(1_000);
	}

	@Test
	void eventsTheProducerGivesBackAreSentAgainInOrder() {
		MockProducer<String, String> producer = new KeptOpenProducer(false);
		this.publisher = start(producer);
		List<HeadcountEvent> events = List.of(Events.presenceChanged(), Events.presenceChanged(),
				Events.presenceChanged());
		events.forEach(this.publisher::publish);
		await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);

		for (int i = 0; i < 3; i++) {
			producer.errorNext(new TimeoutException("Expiring record: delivery timeout"));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 6);
		while (producer.completeNext()) {
			// acknowledge the resent ones
		}

		await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.pending() == 0);
		List<String> resent = producer.history().subList(3, 6).stream().map(ProducerRecord::value).toList();
		assertThat(resent).containsExactlyElementsOf(events.stream().map(EventJson::write).toList());
		assertThat(this.registry.get("headcount.events.retried").counter().count()).isEqualTo(3);
		assertThat(this.registry.get("headcount.events.dropped").counter().count()).isZero();
	}

	@Test
	void recordsAreKeyedAndOnTheEventsTopic() {
		MockProducer<String, String> producer = new KeptOpenProducer(true);
		this.publisher = start(producer);
		Events.everyKind().forEach(this.publisher::publish);
		await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == Events.everyKind().size());
		for (ProducerRecord<String, String> record : producer.history()) {
			HeadcountEvent event = EventJson.read(record.value());
			assertThat(record.key()).isEqualTo(event.key());
			assertThat(record.topic()).isEqualTo(event.topic());
		}
	}

	@Test
	void aFullBufferDropsAndCountsInsteadOfBlocking() {
		MockProducer<String, String> producer = new KeptOpenProducer(true);
		EventsProperties small = new EventsProperties(2, Duration.ofMinutes(3), Duration.ofSeconds(5),
				Duration.ofMillis(50), Duration.ofSeconds(1), false);
		this.publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), small,
				this.registry);
		// not started: nothing drains the buffer
		assertThat(this.publisher.publish(Events.presenceChanged())).isTrue();
		assertThat(this.publisher.publish(Events.presenceChanged())).isTrue();
		assertThat(this.publisher.publish(Events.presenceChanged())).isFalse();
		assertThat(this.registry.get("headcount.events.dropped").counter().count()).isEqualTo(1);
	}

	private EventPublisher start(MockProducer<String, String> producer) {
		EventsProperties properties = new EventsProperties(10_000, Duration.ofMinutes(3), Duration.ofSeconds(5),
				Duration.ofMillis(50), Duration.ofSeconds(1), false);
		EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
				properties, this.registry);
		publisher.start();
		return publisher;
	}

	/**
	 * KafkaTemplate closes a producer after each send unless it is the factory's shared,
	 * close-safe one; MockProducerFactory hands out the raw mock, so keep it open.
	 */
	static class KeptOpenProducer extends MockProducer<String, String> {

		KeptOpenProducer(boolean autoComplete) {
			super(autoComplete, null, new StringSerializer(), new StringSerializer());
		}

		@Override
		public void close(Duration timeout) {
		}

	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
