package io.headcount.counter.counters;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.headcount.counter.counters.store.CounterStore;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What the controllers call: writes go through the store and return only after Redis
 * confirmed them; reads come from the near cache. Request threads are virtual, so waiting
 * here costs no platform thread. Redis not answering is a
 * {@link RedisUnavailableException}.
 */
public class CounterService {

	private static final Logger logger = LoggerFactory.getLogger(CounterService.class);

	private final CounterStore store;

	private final RedisCalls redisCalls;

	private final ObjectProvider<CounterChangeListener> listenerProvider;

	/** Resolved on first use: some listeners need this service themselves. */
	private volatile @Nullable List<CounterChangeListener> listeners;

	private final Clock clock;

	CounterService(CounterStore store, RedisCalls redisCalls, ObjectProvider<CounterChangeListener> listeners,
			Clock clock) {
		this.store = store;
		this.redisCalls = redisCalls;
		this.listenerProvider = listeners;
		this.clock = clock;
	}

	/** Time of a change as this service accepts it (decides the change's bucket). */
	public long nowMs() {
		return this.clock.millis();
	}

	/** Applies one change and waits until Redis has it. */
	public ChangeResult change(String objectId, Change change) {
		// the store fails the future after the Redis timeout, so an untimed wait ends
		// too, and costs no timer
		ChangeResult result = this.redisCalls.awaitSelfTimed(this.store.apply(objectId, change));
		// listeners run here, on the request's virtual thread, not on Lettuce's event
		// loop: that loop completes every request's future, and work on it would
		// serialize all requests behind it
		if (result.status() == ChangeResult.Status.APPLIED) {
			notifyApplied(objectId, change, result);
		}
		return result;
	}

	/**
	 * Applies changes of one object together or not at all (one script call) and waits
	 * until Redis has them. Meant for statistics events, which move no counter: the
	 * counter listeners are not told.
	 */
	public List<ChangeResult> changeAll(String objectId, List<Change> changes) {
		return this.redisCalls.awaitSelfTimed(this.store.applyAll(objectId, changes));
	}

	/**
	 * Runs a read-only script whose keys all live on one slot (statistics buckets of one
	 * object); its reply as Lettuce's {@code MULTI} output.
	 */
	public CompletableFuture<List<Object>> readScript(LuaScript script, String[] keys, String... args) {
		return this.store.readScript(script, keys, args);
	}

	public ObjectCounts read(String objectId) {
		return this.redisCalls.await(this.store.read(objectId));
	}

	public Map<String, ObjectCounts> readAll(List<String> objectIds) {
		return this.redisCalls.await(this.store.readAll(objectIds));
	}

	/** Fresh from Redis, bypassing the near cache (live pushes). */
	public CompletableFuture<Map<String, ObjectCounts>> readFresh(List<String> objectIds) {
		return this.store.readFresh(objectIds);
	}

	public boolean isLiked(String objectId, String userId) {
		return this.redisCalls.await(this.store.isLiked(objectId, userId));
	}

	public long uniqueViewers(String objectId) {
		return this.redisCalls.await(this.store.uniqueViewers(objectId));
	}

	/** The named fields of one hash (missing ones as 0): time buckets. */
	public CompletableFuture<Map<String, Long>> hashFields(String key, List<String> fields) {
		return this.store.hashFields(key, fields);
	}

	private void notifyApplied(String objectId, Change change, ChangeResult result) {
		long delta = switch (change.kind()) {
			case LIKE -> 1;
			case UNLIKE -> -1;
			default -> change.delta();
		};
		AppliedChange applied = new AppliedChange(objectId, CounterField.publicName(change.field()), change.field(),
				delta, result.count(), result.updatedAt(), result.version(), change.actor(), change.idempotencyKey());
		List<CounterChangeListener> all = this.listeners;
		if (all == null) {
			all = this.listenerProvider.orderedStream().toList();
			this.listeners = all;
		}
		all.forEach((listener) -> {
			try {
				listener.applied(applied);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener {} failed for a change of {}", listener, objectId, ex);
			}
		});
	}

}
