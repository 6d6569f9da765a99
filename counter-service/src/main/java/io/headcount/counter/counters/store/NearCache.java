package io.headcount.counter.counters.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.headcount.counter.counters.AppliedChange;
import io.headcount.counter.counters.CounterChangeListener;
import io.headcount.counter.counters.ObjectCounts;

/**
 * Reads (ten for each write) served from memory. An entry's lifetime starts when it is
 * loaded from Redis and is never extended, also not by this instance's own writes (which
 * update the entry so a user sees their own change at once): so a read is at most
 * {@code ttl} plus one load stale, whatever other instances do. Concurrent misses of one
 * object share one Redis read; batch misses go out pipelined.
 */
final class NearCache implements CounterChangeListener {

	private final AsyncLoadingCache<String, ObjectCounts> cache;

	private long lastHits;

	private long lastMisses;

	private volatile double hitRatio = Double.NaN;

	NearCache(CounterReads store, Duration ttl, long maximumSize) {
		long ttlNanos = ttl.toNanos();
		this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new Expiry<String, ObjectCounts>() {
			@Override
			public long expireAfterCreate(String key, ObjectCounts value, long currentTime) {
				return ttlNanos;
			}

			@Override
			public long expireAfterUpdate(String key, ObjectCounts value, long currentTime, long currentDuration) {
				// a completed load counts as an update of its in-flight entry (which
				// never expires): its lifetime starts now; a local write's update keeps
				// the remaining lifetime
				return Math.min(currentDuration, ttlNanos);
			}

			@Override
			public long expireAfterRead(String key, ObjectCounts value, long currentTime, long currentDuration) {
				return currentDuration;
			}
		}).recordStats().buildAsync(new AsyncCacheLoader<>() {
			@Override
			public CompletableFuture<ObjectCounts> asyncLoad(String key, Executor executor) {
				return store.read(key);
			}

			@Override
			public CompletableFuture<Map<String, ObjectCounts>> asyncLoadAll(Set<? extends String> keys,
					Executor executor) {
				return store.readAll(keys);
			}
		});
	}

	CompletableFuture<ObjectCounts> get(String objectId) {
		return this.cache.get(objectId);
	}

	CompletableFuture<Map<String, ObjectCounts>> getAll(Collection<String> objectIds) {
		return this.cache.getAll(objectIds);
	}

	@Override
	public void applied(AppliedChange change) {
		this.cache.asMap().computeIfPresent(change.objectId(), (id, entry) -> {
			if (!entry.isDone() || entry.isCompletedExceptionally()) {
				return entry;
			}
			return CompletableFuture
				.completedFuture(entry.join().with(change.counter(), change.value(), change.at(), change.version()));
		});
	}

	/** Hit ratio since the previous call; called once per second for the gauge. */
	synchronized void roll() {
		CacheStats stats = this.cache.synchronous().stats();
		long hits = stats.hitCount() - this.lastHits;
		long misses = stats.missCount() - this.lastMisses;
		this.lastHits = stats.hitCount();
		this.lastMisses = stats.missCount();
		this.hitRatio = (hits + misses == 0) ? Double.NaN : (double) hits / (hits + misses);
	}

	/** Hit ratio of the last full second (NaN without reads). */
	double hitRatio() {
		return this.hitRatio;
	}

	CacheStats stats() {
		return this.cache.synchronous().stats();
	}

}
