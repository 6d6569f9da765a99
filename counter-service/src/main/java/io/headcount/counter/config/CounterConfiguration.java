package io.headcount.counter.config;

import java.time.Clock;

import io.headcount.counter.counters.CounterChangeListener;
import io.headcount.counter.counters.CounterService;
import io.headcount.counter.counters.CounterStore;
import io.headcount.counter.hot.HotObjects;
import io.headcount.counter.hot.NearCache;
import io.headcount.counter.hot.WriteCoalescer;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the write path (coalescer → store) and the read path (near cache → store). The store talks to
 * Redis over its own String-codec connection made from Boot's Lettuce cluster client, so it shares the
 * client's resources and platform's topology-refresh options.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CounterProperties.class)
@EnableScheduling
class CounterConfiguration {

	@Bean(destroyMethod = "close")
	StatefulRedisClusterConnection<String, String> counterRedisConnection(LettuceConnectionFactory factory) {
		factory.start();
		AbstractRedisClient client = factory.getRequiredNativeClient();
		if (!(client instanceof RedisClusterClient cluster)) {
			throw new IllegalStateException("counter-service needs a Redis Cluster: set spring.data.redis.cluster.nodes "
					+ "(the devstack's stack.env has SPRING_DATA_REDIS_CLUSTER_NODES)");
		}
		return cluster.connect(StringCodec.UTF8);
	}

	@Bean
	CounterStore counterStore(StatefulRedisClusterConnection<String, String> counterRedisConnection,
			CounterProperties properties) {
		return new CounterStore(counterRedisConnection.async(), properties);
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
			.description("Changes per Redis script call (one object)")
			.register(meters);
		return new WriteCoalescer(store::apply, properties.maxBatch(), batchSizes::record, hotObjects::isHot,
				properties.hot().linger());
	}

	@Bean
	CounterService counterService(CounterStore store, WriteCoalescer coalescer, NearCache nearCache,
			HotObjects hotObjects, ObjectProvider<CounterChangeListener> listeners, ObjectProvider<Clock> clock,
			CounterProperties properties) {
		return new CounterService(store, coalescer, nearCache, hotObjects, listeners,
				clock.getIfAvailable(Clock::systemUTC), properties.redisTimeout());
	}

}
