package io.headcount.presence.visitors;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.redis.RedisCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends timed-out sessions on every instance, as presence's deadline sweeper does for
 * devices: each tick it asks every shard; the script sweeps only a shard whose short
 * lease this instance holds or can take, so each shard is swept by one instance at a time
 * and a killed instance's shards are taken over within one lease. Each ended session's
 * "timed-out" event is written by the call that removes it, so there is exactly one,
 * whoever ends it. The sweep is for the events' timeliness and Redis' memory only: counts
 * never include a session past its timeout, swept or not.
 */
class SessionSweeper {

	private static final Logger logger = LoggerFactory.getLogger(SessionSweeper.class);

	/** A bound on the rounds of one shard in one pass, so that a pass always ends. */
	private static final int MAX_ROUNDS = 100;

	private final VisitorStore store;

	private final VisitorsProperties properties;

	private final RedisCalls redis;

	private final Counter timedOut;

	/** The lease holder's name: unique per application context. */
	private final String instanceId = UUID.randomUUID().toString();

	SessionSweeper(VisitorStore store, VisitorsProperties properties, RedisCalls redis, MeterRegistry registry) {
		this.store = store;
		this.properties = properties;
		this.redis = redis;
		this.timedOut = Counter.builder("headcount.visitors.timeouts")
			.description("Visitor sessions this instance's sweeps ended after their timeout")
			.register(registry);
	}

	void sweepAll() {
		try {
			int shards = this.store.shards().count();
			int first = ThreadLocalRandom.current().nextInt(shards);
			List<CompletableFuture<Void>> passes = new ArrayList<>(shards);
			for (int i = 0; i < shards; i++) {
				passes.add(sweep((first + i) % shards, 0));
			}
			CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new))
				.get(this.properties.sweepLease().plus(this.redis.timeout()).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Sweeping visitor sessions failed: {}", ex.toString());
		}
	}

	private CompletableFuture<Void> sweep(int shard, int round) {
		return this.store.sweep(shard, this.instanceId, this.properties.sweepLease(), this.properties.sweepBatch())
			.thenCompose((VisitorStore.Sweep result) -> {
				this.timedOut.increment(result.ended());
				return (result.more() && round < MAX_ROUNDS) ? sweep(shard, round + 1)
						: CompletableFuture.completedFuture(null);
			});
	}

}
