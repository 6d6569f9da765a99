package io.headcount.presence.visitors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.headcount.platform.outbox.OutboxBacklogFullException;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import org.jspecify.annotations.Nullable;

/**
 * The Redis adapter of site visitors: runs visitors.lua on a session's shard, sums counts
 * over a site's shards, and sweeps a shard.
 */
class VisitorStore {

	private static final LuaScript SCRIPT = LuaScript.load(VisitorStore.class, "visitors.lua",
			LuaScript.Library.ISO_TIME);

	private final RedisConnections redis;

	private final VisitorShards shards;

	private final long maxBacklog;

	VisitorStore(RedisConnections redis, VisitorShards shards, long maxBacklog) {
		this.redis = redis;
		this.shards = shards;
		this.maxBacklog = maxBacklog;
	}

	VisitorShards shards() {
		return this.shards;
	}

	/** Opens a session; its id must be new (a fresh random id). */
	CompletableFuture<Instant> open(Site site, String sessionId, @Nullable String objectId, boolean bot,
			String addressHash) {
		return call(site, sessionId, "open", (objectId != null) ? objectId : "", bot ? "1" : "0", addressHash,
				Long.toString(this.maxBacklog))
			.thenApply((reply) -> {
				long flag = asLong(reply.get(0));
				if (flag == -2) {
					throw new OutboxBacklogFullException(this.maxBacklog);
				}
				if (flag == -3) {
					throw new IllegalStateException("Session id " + sessionId + " is in use");
				}
				return Instant.ofEpochMilli(asLong(reply.get(1)));
			});
	}

	/**
	 * Keeps a session live; {@code objectId} moves it to another object (null keeps its
	 * object).
	 * @return false when the session is unknown or has timed out
	 */
	CompletableFuture<Boolean> heartbeat(Site site, String sessionId, @Nullable String objectId) {
		return call(site, sessionId, "heartbeat", (objectId != null) ? objectId : "")
			.thenApply((reply) -> asLong(reply.get(0)) == 1);
	}

	/**
	 * @return false when there was nothing to close
	 */
	CompletableFuture<Boolean> close(Site site, String sessionId) {
		return call(site, sessionId, "close").thenApply((reply) -> asLong(reply.get(0)) == 1);
	}

	/**
	 * The site's live sessions, summed over its shards (each shard first ends its
	 * timed-out sessions), with the live sessions on {@code objectId} and the top
	 * objects. An object's count is summed over every shard, also for an object that was
	 * in the top of only some shards.
	 */
	CompletableFuture<Count> count(Site site, @Nullable String objectId, int top) {
		List<CompletableFuture<List<Object>>> replies = new ArrayList<>(this.shards.count());
		for (int shard = 0; shard < this.shards.count(); shard++) {
			replies.add(RedisCalls.eval(this.redis.async(), SCRIPT, VisitorShards.sessionKeys(shard, site.id()),
					"count", site.id(), Long.toString(site.sessionTimeout().toMillis()), Integer.toString(top),
					(objectId != null) ? objectId : ""));
		}
		return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenCompose((done) -> {
			long now = 0;
			long first = Long.MAX_VALUE;
			long live = 0;
			long onObject = 0;
			Map<String, long[]> candidates = new LinkedHashMap<>();
			List<Map<String, Long>> perShard = new ArrayList<>(replies.size());
			for (CompletableFuture<List<Object>> reply : replies) {
				List<Object> values = reply.join();
				now = Math.max(now, asLong(values.get(0)));
				first = Math.min(first, asLong(values.get(0)));
				live += asLong(values.get(1));
				onObject += asLong(values.get(2));
				Map<String, Long> shardTop = new HashMap<>();
				for (int i = 3; i + 1 < values.size(); i += 2) {
					shardTop.put(values.get(i).toString(), asLong(values.get(i + 1)));
				}
				perShard.add(shardTop);
				shardTop.keySet().forEach((object) -> candidates.putIfAbsent(object, new long[1]));
			}
			Instant asOf = Instant.ofEpochMilli(now);
			Instant firstShardAt = Instant.ofEpochMilli(first);
			long liveSessions = live;
			long onIt = onObject;
			if (candidates.isEmpty()) {
				return CompletableFuture.completedFuture(new Count(liveSessions, asOf, firstShardAt, onIt, List.of()));
			}
			return objectCounts(site, List.copyOf(candidates.keySet()), perShard).thenApply((counts) -> {
				List<ObjectCount> ranked = counts.entrySet()
					.stream()
					.filter((entry) -> entry.getValue() > 0)
					.map((entry) -> new ObjectCount(entry.getKey(), entry.getValue()))
					.sorted(ObjectCount.BY_COUNT)
					.limit(top)
					.toList();
				return new Count(liveSessions, asOf, firstShardAt, onIt, ranked);
			});
		});
	}

	/**
	 * The candidates' counts over every shard: a shard's top already gave some, the
	 * others are read with ZMSCORE.
	 */
	private CompletableFuture<Map<String, Long>> objectCounts(Site site, List<String> objects,
			List<Map<String, Long>> known) {
		List<CompletableFuture<List<Long>>> reads = new ArrayList<>(known.size());
		for (int shard = 0; shard < known.size(); shard++) {
			Map<String, Long> shardTop = known.get(shard);
			List<String> missing = objects.stream().filter((o) -> !shardTop.containsKey(o)).toList();
			if (missing.isEmpty()) {
				reads.add(CompletableFuture.completedFuture(List.of()));
				continue;
			}
			reads.add(this.redis.async()
				.zmscore(VisitorShards.objectCounts(shard, site.id()), missing.toArray(String[]::new))
				.toCompletableFuture()
				.thenApply((scores) -> scores.stream().map((s) -> (s != null) ? s.longValue() : 0L).toList()));
		}
		return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply((done) -> {
			Map<String, Long> totals = new LinkedHashMap<>();
			objects.forEach((o) -> totals.put(o, 0L));
			for (int shard = 0; shard < known.size(); shard++) {
				Map<String, Long> shardTop = known.get(shard);
				shardTop.forEach((o, n) -> totals.merge(o, n, Long::sum));
				List<String> missing = objects.stream().filter((o) -> !shardTop.containsKey(o)).toList();
				List<Long> scores = reads.get(shard).join();
				for (int i = 0; i < scores.size(); i++) {
					totals.merge(missing.get(i), scores.get(i), Long::sum);
				}
			}
			return totals;
		});
	}

	/**
	 * Ends the timed-out sessions of one shard if this instance holds (or now takes) its
	 * lease.
	 */
	CompletableFuture<Sweep> sweep(int shard, String instanceId, Duration lease, int limit) {
		String[] keys = { VisitorShards.sites(shard), VisitorShards.lease(shard), VisitorShards.outbox(shard) };
		return RedisCalls
			.eval(this.redis.async(), SCRIPT, keys, "sweep", VisitorShards.prefix(shard), instanceId,
					Long.toString(Math.max(1, lease.toMillis())), Integer.toString(limit))
			.thenApply((reply) -> new Sweep(asLong(reply.get(0)) == 1, asLong(reply.get(1)) == 1,
					(int) asLong(reply.get(2))));
	}

	private CompletableFuture<List<Object>> call(Site site, String sessionId, String mode, String... more) {
		String[] args = new String[4 + more.length];
		args[0] = mode;
		args[1] = site.id();
		args[2] = Long.toString(site.sessionTimeout().toMillis());
		args[3] = sessionId;
		System.arraycopy(more, 0, args, 4, more.length);
		return RedisCalls.eval(this.redis.async(), SCRIPT,
				VisitorShards.sessionKeys(this.shards.of(sessionId), site.id()), args);
	}

	static long asLong(@Nullable Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number) {
			return number.longValue();
		}
		return Long.parseLong(value.toString());
	}

	/**
	 * A site's live sessions, on one object, and its top objects. Each shard counts at
	 * its own node's time, so the sum holds for the instants from {@code firstShardAt} to
	 * {@code asOf} (the latest shard's), a few milliseconds apart unless a node is slow.
	 */
	record Count(long concurrent, Instant asOf, Instant firstShardAt, long onObject, List<ObjectCount> top) {

	}

	/** Live sessions on one object of a site. */
	record ObjectCount(String objectId, long concurrent) {

		static final java.util.Comparator<ObjectCount> BY_COUNT = java.util.Comparator
			.comparingLong(ObjectCount::concurrent)
			.reversed()
			.thenComparing(ObjectCount::objectId);

	}

	/**
	 * One sweep of one shard.
	 *
	 * @param leased this instance held the shard's lease (otherwise nothing was done)
	 * @param more the sweep hit its limit: sweep again
	 * @param ended sessions it ended
	 */
	record Sweep(boolean leased, boolean more, int ended) {

	}

}
