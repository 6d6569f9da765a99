package io.headcount.platform.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.headcount.platform.events.EventsAutoConfiguration;
import io.headcount.platform.events.EventsProperties;
import io.headcount.platform.metrics.InstanceId;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisCallsAutoConfiguration;
import io.headcount.platform.redis.RedisConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

/**
 * An {@link OutboxRelay} for the {@link OutboxStreams} a service declares, on its own
 * producer with the event publisher's guarantees, and the {@code outbox} health.
 */
@AutoConfiguration(
		after = { KafkaAutoConfiguration.class, RedisCallsAutoConfiguration.class, EventsAutoConfiguration.class })
@ConditionalOnClass({ KafkaProducer.class, RedisConnections.class })
@EnableConfigurationProperties({ OutboxProperties.class, EventsProperties.class })
public final class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ OutboxStreams.class, RedisConnections.class, ProducerFactory.class })
	OutboxRelay outboxRelay(OutboxStreams streams, RedisConnections connections, RedisCalls calls,
			ProducerFactory<?, ?> boots, EventsProperties events, OutboxProperties properties,
			ObjectProvider<MeterRegistry> registry, InstanceId instance) {
		Map<String, Object> config = new HashMap<>(EventsAutoConfiguration.eventProducerConfig(boots, events));
		// the relay's thread renews leases between sends: a send must not wait for
		// metadata for long
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
				Math.min(events.maxBlock().toMillis(), properties.leaseTtl().toMillis() / 3));
		config.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG,
				(key, id) -> id.toString().replace("-events", "-outbox"));
		return new OutboxRelay(streams, connections, calls,
				() -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()), properties,
				registry.getIfAvailable(() -> Metrics.globalRegistry), instance.value());
	}

	/**
	 * Conditional on the relay's own inputs, not on the relay: a nested configuration is
	 * read before the outer class's bean methods, so the relay is not known yet.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean({ OutboxStreams.class, RedisConnections.class, ProducerFactory.class })
	@ConditionalOnEnabledHealthIndicator("outbox")
	static class OutboxHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "outboxHealthIndicator")
		HealthIndicator outboxHealthIndicator(List<OutboxRelay> relays) {
			return new OutboxHealthIndicator(relays);
		}

	}

}
