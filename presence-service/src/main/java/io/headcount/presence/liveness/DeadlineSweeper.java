package io.headcount.presence.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStore;
import io.headcount.presence.status.PresenceStore.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns missed deadlines into offline, on every instance: each tick it asks every shard for its
 * expired devices; the script lets it sweep only shards whose short lease it holds or can take
 * (SET NX PX, never renewed), so each shard is swept by one instance at a time and, when an instance
 * dies, the others take over its shards within one lease. No timer lives in a JVM.
 */
@Component
class DeadlineSweeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineSweeper.class);

	private final PresenceStore store;

	private final PresenceService presence;

	private final PresenceProperties properties;

	/** The lease holder's name: unique per application context, even with several in one JVM. */
	private final String instanceId = UUID.randomUUID().toString();

	private ScheduledExecutorService scheduler;

	DeadlineSweeper(PresenceStore store, PresenceService presence, PresenceProperties properties) {
		this.store = store;
		this.presence = presence;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-sweeper").daemon().factory());
		long interval = this.properties.sweepInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sweepAll, ThreadLocalRandom.current().nextLong(interval + 1),
				interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/** One pass over all shards; shards are visited in parallel (pipelined) and the pass waits for all. */
	void sweepAll() {
		try {
			int shards = this.store.shards().count();
			int first = ThreadLocalRandom.current().nextInt(shards);
			List<CompletableFuture<Void>> passes = new ArrayList<>(shards);
			for (int i = 0; i < shards; i++) {
				passes.add(sweep((first + i) % shards, 0));
			}
			CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new))
				.get(this.properties.sweepLease().toMillis() + 5000, TimeUnit.MILLISECONDS);
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
				return (result.more() && round < 100) ? sweep(shard, round + 1) : CompletableFuture.completedFuture(null);
			});
	}

}
