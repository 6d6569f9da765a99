package io.headcount.counter.config;

import java.time.Clock;

import io.headcount.counter.counters.CommandRounds;
import io.headcount.counter.counters.CounterChangeListener;
import io.headcount.counter.counters.CounterService;
import io.headcount.counter.counters.CounterStore;
import io.headcount.counter.hot.HotObjects;
import io.headcount.counter.hot.NearCache;
import io.headcount.counter.hot.WriteCoalescer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the write path (coalescer → store) and the read path (near cache → store).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CounterProperties.class)
@EnableScheduling
class CounterConfiguration {

	@Bean
	CounterRedisConnection counterRedisConnection(LettuceConnectionFactory factory) {
		return new CounterRedisConnection(factory);
	}

	@Bean(destroyMethod = "close")
	CommandRounds commandRounds(CounterRedisConnection counterRedisConnection) {
		return new CommandRounds(counterRedisConnection::rounds);
	}

	@Bean
	CounterStore counterStore(CounterRedisConnection counterRedisConnection, CommandRounds commandRounds,
			CounterProperties properties, MeterRegistry meters) {
		DistributionSummary callSizes = DistributionSummary.builder("headcount.counter.script.changes")
			.description("Changes per Redis script call (all objects of one node in one round)")
			.register(meters);
		return new CounterStore(counterRedisConnection::async, commandRounds, properties, callSizes::record);
	}

	@Bean
	HotObjects hotObjects(CounterProperties properties) {
		return new HotObjects(properties.hot().writesPerSecond());
	}

	@Bean
	NearCache nearCache(CounterStore store, CounterProperties properties) {
		return new NearCache(store, properties.nearCacheTtl(), 200_000);
	}

	@Bean(destroyMethod = "close")
	WriteCoalescer writeCoalescer(CounterStore store, HotObjects hotObjects, CounterProperties properties,
			MeterRegistry meters) {
		DistributionSummary batchSizes = DistributionSummary.builder("headcount.counter.batch.size")
			.description("Changes of one object sent together")
			.register(meters);
		return new WriteCoalescer(store::apply, properties.maxBatch(), batchSizes::record, hotObjects::isHot,
				properties.hot().linger(), properties.redisTimeout());
	}

	@Bean
	CounterService counterService(CounterStore store, WriteCoalescer coalescer, NearCache nearCache,
			HotObjects hotObjects, ObjectProvider<CounterChangeListener> listeners, ObjectProvider<Clock> clock,
			CounterProperties properties) {
		return new CounterService(store, coalescer, nearCache, hotObjects, listeners,
				clock.getIfAvailable(Clock::systemUTC), properties.redisTimeout());
	}

}
