package io.headcount.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one Kafka topic from its start on a background thread, each record's value as
 * JSON with its key and partition, until closed: for tests that check the events a
 * service published (in topic order per partition, which is per key).
 */
public final class TopicReader implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	/** One record: its key, partition, offset and value. */
	public record Event(String key, int partition, long offset, JsonNode value) {

	}

	private TopicReader(String bootstrapServers, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		this.thread = Thread.ofPlatform().daemon().name("topic-reader-" + topic).start(() -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
				consumer.subscribe(List.of(topic));
				while (this.running) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						this.events.add(new Event(record.key(), record.partition(), record.offset(),
								json.readTree(record.value())));
					}
				}
			}
			catch (InterruptException ex) {
				// closed
			}
		});
	}

	/** Starts reading {@code topic} from its first record. */
	public static TopicReader from(String bootstrapServers, String topic) {
		return new TopicReader(bootstrapServers, topic);
	}

	/** Every record read so far, in topic order per partition. */
	public List<Event> all() {
		return List.copyOf(this.events);
	}

	/** The values read so far with this key, in order. */
	public List<JsonNode> withKey(String key) {
		return this.events.stream().filter((event) -> key.equals(event.key())).map(Event::value).toList();
	}

	/** The values read so far with this key that match. */
	public List<JsonNode> withKey(String key, Predicate<JsonNode> filter) {
		return withKey(key).stream().filter(filter).toList();
	}

	/** A filter on the events' {@code type}. */
	public static Predicate<JsonNode> type(String type) {
		return (event) -> type.equals(event.path("type").asString());
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

}
