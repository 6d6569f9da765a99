package io.headcount.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The {@link EventPublisher} on its own producer (Boot's connection settings, our
 * delivery guarantees), the topics, and Kafka's health.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ProducerFactory.class)
	EventPublisher eventPublisher(ProducerFactory<?, ?> producerFactory, EventsProperties properties,
			ObjectProvider<MeterRegistry> registry) {
		return new EventPublisher(new KafkaTemplate<>(eventProducerFactory(producerFactory, properties)), properties,
				registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	/**
	 * Boot's producer settings (servers, TLS, client id) with what events need on top,
	 * whatever a service sets for its own producers: String JSON values, idempotence and
	 * {@code acks=all} so that retries neither lose nor duplicate, and retries for longer
	 * than any outage we ride out.
	 */
	static ProducerFactory<String, String> eventProducerFactory(ProducerFactory<?, ?> boots,
			EventsProperties properties) {
		return new DefaultKafkaProducerFactory<>(eventProducerConfig(boots, properties), new StringSerializer(),
				new StringSerializer());
	}

	/**
	 * The configuration of {@link #eventProducerFactory}, for the outbox relay's own
	 * producer.
	 */
	public static Map<String, Object> eventProducerConfig(ProducerFactory<?, ?> boots, EventsProperties properties) {
		Map<String, Object> config = new HashMap<>(boots.getConfigurationProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.deliveryTimeout().toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.maxBlock().toMillis());
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG, (key, id) -> id + "-events");
		return config;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "headcount.events.create-topics", matchIfMissing = true)
	KafkaAdmin.NewTopics headcountTopics() {
		// partitions and replicas: the broker's defaults, which operators size per
		// cluster
		return new KafkaAdmin.NewTopics(
				Topics.all().stream().map((topic) -> TopicBuilder.name(topic).build()).toArray(NewTopic[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean(KafkaAdmin.class)
	@ConditionalOnEnabledHealthIndicator("kafka")
	static class KafkaHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, ObjectProvider<EventPublisher> publisher) {
			return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(2),
					Duration.ofSeconds(5), publisher.getIfAvailable());
		}

	}

}
