package io.headcount.counter.live;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Changes made through other instances reach this instance's watchers through the
 * counter-events topic: every instance reads it in its own consumer group, from the
 * latest offset, and only looks at the record key (the object id) to mark the object
 * dirty; the value pushed is read fresh from Redis.
 */
@Component
class LiveChangeFeed implements SmartLifecycle {

	static final String TOPIC = "headcount.counter-events";

	private final KafkaMessageListenerContainer<String, byte[]> container;

	LiveChangeFeed(LiveCounts live, KafkaProperties kafka,
			@Value("${spring.application.name:counter-service}") String application) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, application + "-live-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// only the key (object id) is read: the value is never decoded
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// a fetch waits up to 50 ms for 64 KiB: under load, a few fetches a second
		// instead of one per handful of events (the consumer's polls were 4 % of the
		// service's CPU during a like run); pushes go out every 250 ms, so 50 ms more is
		// not seen
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
		ContainerProperties properties = new ContainerProperties(TOPIC);
		properties.setMessageListener((MessageListener<String, byte[]>) (record) -> {
			if (record.key() != null) {
				live.changed(record.key());
			}
		});
		// never acknowledged, so never committed: the group is this instance's alone and
		// starts at the end
		properties.setAckMode(ContainerProperties.AckMode.MANUAL);
		this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), properties);
		this.container.setBeanName("liveChangeFeed");
	}

	@Override
	public void start() {
		this.container.start();
	}

	@Override
	public void stop() {
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.container.isRunning();
	}

}
