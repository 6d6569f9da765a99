package io.headcount.presence.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.redis.RedisCalls;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStore;
import io.headcount.presence.status.PresenceStore.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns missed deadlines into offline, on every instance: each tick it asks every shard
 * for its expired devices; the script lets it sweep only shards whose short lease it
 * holds or can take (SET NX PX, never renewed), so each shard is swept by one instance at
 * a time and, when an instance dies, the others take over its shards within one lease. No
 * timer lives in a JVM. Its ticks come from a {@code PeriodicWorker}
 * ({@link LivenessConfiguration}).
 */
class DeadlineSweeper {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineSweeper.class);

	/** A bound on the rounds of one shard in one pass, so that a pass always ends. */
	private static final int MAX_ROUNDS = 100;

	private final PresenceStore store;

	private final PresenceService presence;

	private final PresenceProperties properties;

	private final RedisCalls redis;

	/**
	 * The lease holder's name: unique per application context, even with several in one
	 * JVM.
	 */
	private final String instanceId = UUID.randomUUID().toString();

	DeadlineSweeper(PresenceStore store, PresenceService presence, PresenceProperties properties, RedisCalls redis) {
		this.store = store;
		this.presence = presence;
		this.properties = properties;
		this.redis = redis;
	}

	/**
	 * One pass over all shards; shards are visited in parallel (pipelined) and the pass
	 * waits for all.
	 */
	void sweepAll() {
		try {
			int shards = this.store.shards().count();
			int first = ThreadLocalRandom.current().nextInt(shards);
			List<CompletableFuture<Void>> passes = new ArrayList<>(shards);
			for (int i = 0; i < shards; i++) {
				passes.add(sweep((first + i) % shards, 0));
			}
			CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new))
				// the lease, then one Redis timeout for the last round
				.get(this.properties.sweepLease().plus(this.redis.timeout()).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Sweeping presence deadlines failed: {}", ex.toString());
		}
	}

	private CompletableFuture<Void> sweep(int shard, int round) {
		return this.store.sweep(shard, this.instanceId, this.properties.sweepLease(), this.properties.sweepBatch())
			.thenCompose((Sweep result) -> {
				this.presence.report(result.outcomes());
				return (result.more() && round < MAX_ROUNDS) ? sweep(shard, round + 1)
						: CompletableFuture.completedFuture(null);
			});
	}

}
