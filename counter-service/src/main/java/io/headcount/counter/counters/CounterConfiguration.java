package io.headcount.counter.counters;

import java.time.Clock;

import io.headcount.counter.counters.store.CounterStore;
import io.headcount.platform.redis.RedisCalls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The counters' settings and the service the controllers call (the store wires itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CounterProperties.class)
@EnableScheduling
class CounterConfiguration {

	@Bean
	CounterService counterService(CounterStore store, RedisCalls redisCalls,
			ObjectProvider<CounterChangeListener> listeners, ObjectProvider<Clock> clock) {
		return new CounterService(store, redisCalls, listeners, clock.getIfAvailable(Clock::systemUTC));
	}

}
