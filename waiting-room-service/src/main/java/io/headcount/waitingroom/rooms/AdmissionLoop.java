package io.headcount.waitingroom.rooms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.redis.RedisCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission loop, run by every instance on every room: each round is one room.lua
 * call per room that evicts the idle and the expired and admits the next in line, in
 * bounded batches, on Redis TIME. Redis runs one call at a time, so any number of
 * instances may run it together: more instances only make a freed place taken sooner. It
 * also writes the configured rooms that Redis does not know yet, and reads each room's
 * figures for the fleet gauges once a second.
 */
class AdmissionLoop {

	private static final Logger logger = LoggerFactory.getLogger(AdmissionLoop.class);

	/** A bound on the rounds of one room in one run, so that a run always ends. */
	private static final int MAX_ROUNDS = 20;

	private static final long ROOMS_CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long FIGURES_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final RoomStore store;

	private final WaitingRoomProperties properties;

	private final RedisCalls redis;

	private final RoomMetrics metrics;

	private final Set<String> seeded = ConcurrentHashMap.newKeySet();

	private volatile List<String> rooms = List.of();

	private long roomsReadAt = System.nanoTime() - ROOMS_CACHE_NANOS;

	private long figuresReadAt = System.nanoTime() - FIGURES_EVERY_NANOS;

	AdmissionLoop(RoomStore store, WaitingRoomProperties properties, RedisCalls redis, RoomMetrics metrics) {
		this.store = store;
		this.properties = properties;
		this.redis = redis;
		this.metrics = metrics;
	}

	void run() {
		try {
			seed();
			List<String> ids = rooms();
			List<CompletableFuture<Void>> rounds = new ArrayList<>(ids.size());
			for (String roomId : ids) {
				rounds.add(tick(roomId, 0));
			}
			CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new))
				.get(this.redis.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
			figures(ids);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Admission round failed: {}", ex.toString());
		}
	}

	private CompletableFuture<Void> tick(String roomId, int round) {
		return this.store.tick(roomId, this.properties.batch()).thenCompose((RoomStore.Tick result) -> {
			this.metrics.admitted(roomId, result.admitted());
			this.metrics.evicted(roomId, "idle", result.idle());
			this.metrics.evicted(roomId, "expired", result.expired());
			return (result.more() && round < MAX_ROUNDS) ? tick(roomId, round + 1)
					: CompletableFuture.completedFuture(null);
		});
	}

	private void seed() {
		for (Map.Entry<String, WaitingRoomProperties.Room> room : this.properties.rooms().entrySet()) {
			if (!this.seeded.contains(room.getKey())) {
				this.redis.await(this.store.put(room.getKey(), room.getValue().config(), true));
				this.seeded.add(room.getKey());
				this.roomsReadAt = System.nanoTime() - ROOMS_CACHE_NANOS;
			}
		}
	}

	private List<String> rooms() {
		if (System.nanoTime() - this.roomsReadAt >= ROOMS_CACHE_NANOS) {
			this.rooms = List.copyOf(this.redis.await(this.store.rooms()));
			this.roomsReadAt = System.nanoTime();
		}
		return this.rooms;
	}

	private void figures(List<String> ids) throws Exception {
		if (System.nanoTime() - this.figuresReadAt < FIGURES_EVERY_NANOS) {
			return;
		}
		this.figuresReadAt = System.nanoTime();
		List<CompletableFuture<Void>> reads = new ArrayList<>(ids.size());
		for (String roomId : ids) {
			reads.add(this.store.figures(roomId).thenAccept((figures) -> this.metrics.figures(roomId, figures)));
		}
		CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
			.get(this.redis.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
	}

}
