package io.headcount.presence.support;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.headcount.devstack.DevStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads headcount.presence-events from the start, in the background, for the whole test
 * JVM.
 */
public final class PresenceEvents {

	public static final String TOPIC = "headcount.presence-events";

	private static final List<JsonNode> events = new CopyOnWriteArrayList<>();

	private static volatile boolean started;

	private PresenceEvents() {
	}

	/** PresenceChanged events of one user, in topic order. */
	public static List<JsonNode> of(String userId) {
		start();
		return events.stream().filter((e) -> userId.equals(e.path("userId").asString())).toList();
	}

	/** The statuses of one user's PresenceChanged events, in order. */
	public static List<String> statusesOf(String userId) {
		return of(userId).stream().map((e) -> e.path("status").asString()).toList();
	}

	private static synchronized void start() {
		if (started) {
			return;
		}
		started = true;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "presence-tests-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		Thread.ofPlatform().daemon().name("presence-events-reader").start(() -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
				consumer.subscribe(List.of(TOPIC));
				while (true) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						JsonNode event = PresenceClient.json.readTree(record.value());
						if (record.key() != null && !record.key().equals(event.path("userId").asString())) {
							throw new IllegalStateException(
									"PresenceChanged keyed by " + record.key() + ": " + record.value());
						}
						events.add(event);
					}
				}
			}
		});
	}

}
