package io.headcount.counter.counters.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.ObjectCounts;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisUnavailableException;

/**
 * The counters' Redis store, the one door to this package. A change goes
 * {@link WriteCoalescer} → {@link CommandRounds} → {@link NodeBatches} →
 * {@link ApplyBatchCalls} ({@code apply-batch.lua}); its future completes once Redis
 * applied it, or fails with {@link RedisUnavailableException} (also after
 * {@code headcount.counter.redis-timeout}, so it may be awaited without a timer). Reads
 * of counts come from the {@link NearCache}; the others go to Redis.
 */
public final class CounterStore {

	private final WriteCoalescer coalescer;

	private final HotObjects hotObjects;

	private final NearCache nearCache;

	private final CounterReads reads;

	CounterStore(WriteCoalescer coalescer, HotObjects hotObjects, NearCache nearCache, CounterReads reads) {
		this.coalescer = coalescer;
		this.hotObjects = hotObjects;
		this.nearCache = nearCache;
		this.reads = reads;
	}

	/**
	 * Applies one change, in order with the other changes of its object, exactly once.
	 */
	public CompletableFuture<ChangeResult> apply(String objectId, Change change) {
		this.hotObjects.recordWrite(objectId);
		return this.coalescer.submit(objectId, change);
	}

	/**
	 * Applies changes together or not at all, in order with the other changes of their
	 * object (one script call), each exactly once.
	 */
	public CompletableFuture<List<ChangeResult>> applyAll(String objectId, List<Change> changes) {
		this.hotObjects.recordWrite(objectId);
		return this.coalescer.submitAll(objectId, changes);
	}

	/** The object's counts, at most {@code headcount.counter.near-cache-ttl} stale. */
	public CompletableFuture<ObjectCounts> read(String objectId) {
		return this.nearCache.get(objectId);
	}

	/** Many objects' counts, at most {@code headcount.counter.near-cache-ttl} stale. */
	public CompletableFuture<Map<String, ObjectCounts>> readAll(List<String> objectIds) {
		return this.nearCache.getAll(objectIds);
	}

	/** Fresh from Redis, bypassing the near cache (live pushes). */
	public CompletableFuture<Map<String, ObjectCounts>> readFresh(List<String> objectIds) {
		return this.reads.readAll(objectIds);
	}

	public CompletableFuture<Boolean> isLiked(String objectId, String userId) {
		return this.reads.isLiked(objectId, userId);
	}

	public CompletableFuture<Long> uniqueViewers(String objectId) {
		return this.reads.uniqueViewers(objectId);
	}

	/** The named fields of one hash (missing ones as 0): time buckets. */
	public CompletableFuture<Map<String, Long>> hashFields(String key, List<String> fields) {
		return this.reads.hashFields(key, fields);
	}

	/** A read-only script on the slot of its keys (statistics buckets). */
	public CompletableFuture<List<Object>> readScript(LuaScript script, String[] keys, String... args) {
		return this.reads.readScript(script, keys, args);
	}

}
