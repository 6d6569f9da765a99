package io.headcount.presence.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.headcount.devstack.DevStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads one Kafka topic from the start, in the background, for the whole test JVM; each
 * record's key must be the field of its event that the topic is keyed by.
 */
public final class TopicEvents {

	private static final Map<String, TopicEvents> readers = new ConcurrentHashMap<>();

	private final List<JsonNode> events = new CopyOnWriteArrayList<>();

	private TopicEvents(String topic, Function<JsonNode, String> key) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "presence-tests-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		Thread.ofPlatform().daemon().name("events-reader-" + topic).start(() -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
				consumer.subscribe(List.of(topic));
				while (true) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						JsonNode event = PresenceClient.json.readTree(record.value());
						if (record.key() != null && !record.key().equals(key.apply(event))) {
							throw new IllegalStateException(
									topic + " record keyed by " + record.key() + ": " + record.value());
						}
						this.events.add(event);
					}
				}
			}
		});
	}

	/**
	 * The reader of {@code topic}, started on first use.
	 * @param key the field of an event its record must be keyed by
	 */
	public static TopicEvents of(String topic, Function<JsonNode, String> key) {
		return readers.computeIfAbsent(topic, (t) -> new TopicEvents(t, key));
	}

	/** Every event read so far, in topic order per partition. */
	public List<JsonNode> all() {
		return this.events;
	}

}
