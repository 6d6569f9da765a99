package io.headcount.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;

/**
 * {@code service} and {@code instance} tags on every meter, and {@link FleetGauges}.
 */
@AutoConfiguration(before = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(FleetGaugesProperties.class)
public final class HeadcountMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceId instanceId(@Value("${headcount.instance-id:}") String configured) {
		return StringUtils.hasText(configured) ? new InstanceId(configured) : InstanceId.ofThisProcess();
	}

	/** Bounded tags: one value per service and per replica. */
	@Bean
	MeterRegistryCustomizer<MeterRegistry> headcountCommonTags(
			@Value("${spring.application.name:application}") String service, InstanceId instance) {
		return (registry) -> registry.config().commonTags("service", service, "instance", instance.value());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnBean(StringRedisTemplate.class)
	@ConditionalOnBooleanProperty(name = "headcount.fleet-gauges.enabled", matchIfMissing = true)
	static class FleetGaugesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FleetGauges fleetGauges(StringRedisTemplate redis, MeterRegistry registry, FleetGaugesProperties properties,
				@Value("${spring.application.name:application}") String service, InstanceId instance) {
			return new FleetGauges(redis, registry, properties, service, instance);
		}

	}

}
