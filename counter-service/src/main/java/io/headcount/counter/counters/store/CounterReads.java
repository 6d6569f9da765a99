package io.headcount.counter.counters.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.ObjectCounts;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

/**
 * The reads, one asynchronous command each on the shared connection, so that many
 * requests share its pipeline instead of a thread each.
 */
final class CounterReads {

	private final Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection;

	CounterReads(Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection) {
		this.connection = connection;
	}

	CompletableFuture<ObjectCounts> read(String objectId) {
		return redis().hgetall(CounterKeys.counts(objectId))
			.toCompletableFuture()
			.thenApply((hash) -> ObjectCounts.fromHash(objectId, hash));
	}

	/**
	 * Reads many objects; the commands go out pipelined, one per object (they live in
	 * different slots).
	 */
	CompletableFuture<Map<String, ObjectCounts>> readAll(Collection<? extends String> objectIds) {
		List<CompletableFuture<ObjectCounts>> reads = objectIds.stream().map(this::read).toList();
		return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply((ignored) -> {
			Map<String, ObjectCounts> all = new LinkedHashMap<>();
			reads.forEach((read) -> {
				ObjectCounts counts = read.join();
				all.put(counts.objectId(), counts);
			});
			return all;
		});
	}

	CompletableFuture<Boolean> isLiked(String objectId, String userId) {
		return redis().sismember(CounterKeys.likers(objectId), userId).toCompletableFuture();
	}

	CompletableFuture<Long> uniqueViewers(String objectId) {
		return redis().pfcount(CounterKeys.viewers(objectId)).toCompletableFuture();
	}

	/** The named fields of one hash (missing ones as 0). */
	CompletableFuture<Map<String, Long>> hashFields(String key, List<String> fields) {
		return redis().hmget(key, fields.toArray(String[]::new)).toCompletableFuture().thenApply((values) -> {
			Map<String, Long> out = new LinkedHashMap<>();
			for (KeyValue<String, String> kv : values) {
				out.put(kv.getKey(), kv.hasValue() ? Long.parseLong(kv.getValue()) : 0L);
			}
			return out;
		});
	}

	/**
	 * A read-only script: EVALSHA on the slot of its first key, EVAL once when the node
	 * does not know it.
	 */
	CompletableFuture<List<Object>> readScript(LuaScript script, String[] keys, String... args) {
		return RedisCalls.eval(redis(), script, keys, args);
	}

	private RedisAdvancedClusterAsyncCommands<String, String> redis() {
		return this.connection.get();
	}

}
