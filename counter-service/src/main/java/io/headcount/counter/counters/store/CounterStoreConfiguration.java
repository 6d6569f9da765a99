package io.headcount.counter.counters.store;

import io.headcount.counter.counters.CounterProperties;
import io.headcount.platform.outbox.OutboxProperties;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the store's stages, each given the next one: {@link WriteCoalescer} →
 * {@link CommandRounds} (on platform's auto-flush-off connection) → {@link NodeBatches} →
 * {@link ApplyBatchCalls}; and the reads (near cache → Redis on the shared connection).
 */
@Configuration(proxyBeanMethods = false)
class CounterStoreConfiguration {

	@Bean
	HotObjects hotObjects(CounterProperties properties) {
		return new HotObjects(properties.hot().writesPerSecond());
	}

	/**
	 * The counter outbox: one stream per 1,024 slots, so a node of a 3-master cluster has
	 * about five and each script call writes its events to one of its node's.
	 */
	@Bean
	OutboxStreams counterOutbox() {
		return OutboxStreams.slotGroups("counter", 16);
	}

	@Bean(destroyMethod = "close")
	CommandRounds commandRounds(RedisConnections connections, CounterProperties properties, MeterRegistry meters,
			OutboxStreams counterOutbox, OutboxProperties outboxProperties) {
		DistributionSummary callSizes = DistributionSummary.builder("headcount.counter.script.changes")
			.description("Changes per Redis script call (all objects of one node in one round)")
			.register(meters);
		ApplyBatchCalls calls = new ApplyBatchCalls(new ApplyBatchScript(properties, outboxProperties.maxBacklog()),
				connections::async, callSizes::record, counterOutbox, () -> connections.connection().getPartitions(),
				outboxProperties.maxBacklog());
		return new CommandRounds(connections::unflushed, new NodeBatches(calls, properties.maxChangesPerCall()));
	}

	@Bean(destroyMethod = "close")
	WriteCoalescer writeCoalescer(CommandRounds rounds, HotObjects hotObjects, CounterProperties properties,
			RedisCalls redisCalls, MeterRegistry meters) {
		DistributionSummary batchSizes = DistributionSummary.builder("headcount.counter.batch.size")
			.description("Changes of one object sent together")
			.register(meters);
		return new WriteCoalescer(rounds, properties.maxBatch(), batchSizes::record, hotObjects::isHot,
				properties.hot().linger(), redisCalls.timeout());
	}

	@Bean
	CounterReads counterReads(RedisConnections connections) {
		return new CounterReads(connections::async);
	}

	@Bean
	NearCache nearCache(CounterReads reads, CounterProperties properties) {
		return new NearCache(reads, properties.nearCacheTtl(), properties.nearCacheSize());
	}

	@Bean
	CounterStore counterStore(WriteCoalescer coalescer, HotObjects hotObjects, NearCache nearCache, CounterReads reads,
			MeterRegistry meters) {
		Gauge.builder("headcount.counter.hot.objects", hotObjects, HotObjects::hotCount)
			.description("Objects written at least the hot threshold per second on this instance")
			.register(meters);
		Gauge.builder("headcount.counter.nearcache.hit.ratio", nearCache, NearCache::hitRatio)
			.description("Share of reads served from the near cache in the last second")
			.register(meters);
		return new CounterStore(coalescer, hotObjects, nearCache, reads);
	}

	@Bean
	StoreWindows storeWindows(HotObjects hotObjects, NearCache nearCache) {
		return new StoreWindows(hotObjects, nearCache);
	}

}
