package io.headcount.counter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.headcount.devstack.DevStack;
import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The CounterChanged events of headcount.counter-events written after this log was
 * opened, for the objects a test names: every partition is read (no consumer group), so
 * the log can tell when it has everything the broker holds.
 */
public final class CounterEventLog implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<TopicPartition> partitions;

	private final Predicate<String> objects;

	private final List<CounterChanged> events = new CopyOnWriteArrayList<>();

	private CounterEventLog(DevStack stack, Predicate<String> objects) {
		this.objects = objects;
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer());
		this.partitions = this.consumer.partitionsFor(Topics.COUNTER_EVENTS, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToEnd(this.partitions);
		this.partitions.forEach(this.consumer::position); // fixes "now" before returning
	}

	/**
	 * From the broker's current end on, the events of objects {@code objects} accepts.
	 */
	public static CounterEventLog fromNow(Predicate<String> objects) {
		return fromNow(DevStack.shared(), objects);
	}

	/** The same, on the broker of {@code stack} (a test's own). */
	public static CounterEventLog fromNow(DevStack stack, Predicate<String> objects) {
		return new CounterEventLog(stack, objects);
	}

	/** Reads what arrived; always true, to be used inside {@code until()}. */
	public boolean poll() {
		for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
			if (record.key() != null && this.objects.test(record.key())) {
				this.events.add(EventJson.read(record.value(), CounterChanged.class));
			}
		}
		return true;
	}

	/**
	 * Reads until it has every record the broker held when called: call it once the
	 * outbox is empty, and nothing relayed so far is missed.
	 */
	public List<CounterChanged> readToEnd() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions, Duration.ofSeconds(30));
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (ends.entrySet().stream().anyMatch((end) -> this.consumer.position(end.getKey()) < end.getValue())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Could not read " + Topics.COUNTER_EVENTS + " up to " + ends);
			}
			poll();
		}
		return events();
	}

	/** What was read so far, in topic order per object. */
	public List<CounterChanged> events() {
		return List.copyOf(this.events);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
