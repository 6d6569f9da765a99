package io.headcount.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.headcount.platform.events.EventsAutoConfiguration;
import io.headcount.platform.events.EventsProperties;
import io.headcount.platform.redis.RedisAutoConfiguration;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisCallsAutoConfiguration;
import io.headcount.platform.redis.RedisConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A relay for the service's {@link OutboxStreams}, on its own idempotent producer (Boot's
 * connection settings, the events' delivery settings), and its health.
 */
@AutoConfiguration(
		after = { EventsAutoConfiguration.class, RedisAutoConfiguration.class, RedisCallsAutoConfiguration.class })
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(OutboxProperties.class)
public final class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ OutboxStreams.class, RedisConnections.class, ProducerFactory.class })
	OutboxRelay outboxRelay(OutboxStreams streams, RedisConnections connections, RedisCalls calls,
			ProducerFactory<?, ?> boots, EventsProperties events, OutboxProperties properties,
			ObjectProvider<MeterRegistry> registry, Environment environment) {
		String instance = environment.getProperty("spring.application.name", "app") + "-"
				+ ProcessHandle.current().pid();
		return new OutboxRelay(streams, connections, calls,
				() -> new KafkaProducer<>(EventsAutoConfiguration.eventProducerConfig(boots, events),
						new StringSerializer(), new StringSerializer()),
				properties, registry.getIfAvailable(() -> Metrics.globalRegistry), instance);
	}

	@Bean
	@ConditionalOnBean(OutboxRelay.class)
	HealthIndicator outboxHealthIndicator(OutboxRelay relay) {
		return new OutboxHealthIndicator(relay);
	}

}
