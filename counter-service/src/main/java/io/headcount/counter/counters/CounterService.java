package io.headcount.counter.counters;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.headcount.counter.hot.HotObjects;
import io.headcount.counter.hot.NearCache;
import io.headcount.counter.hot.WriteCoalescer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.ErrorResponseException;

/**
 * What the controllers call: writes go through the coalescer and return only after Redis confirmed
 * them; reads come from the near cache. Request threads are virtual, so waiting here costs no platform
 * thread.
 */
public class CounterService {

	private static final Logger logger = LoggerFactory.getLogger(CounterService.class);

	private final CounterStore store;

	private final WriteCoalescer coalescer;

	private final NearCache nearCache;

	private final HotObjects hotObjects;

	private final ObjectProvider<CounterChangeListener> listenerProvider;

	/** Resolved on first use: some listeners need this service themselves. */
	private volatile List<CounterChangeListener> listeners;

	private final Clock clock;

	private final Duration timeout;

	public CounterService(CounterStore store, WriteCoalescer coalescer, NearCache nearCache, HotObjects hotObjects,
			ObjectProvider<CounterChangeListener> listeners, Clock clock, Duration timeout) {
		this.store = store;
		this.coalescer = coalescer;
		this.nearCache = nearCache;
		this.hotObjects = hotObjects;
		this.listenerProvider = listeners;
		this.clock = clock;
		this.timeout = timeout;
	}

	/** Time of a change as this service accepts it (decides the change's bucket). */
	public long nowMs() {
		return this.clock.millis();
	}

	/** Applies one change and waits until Redis has it (or answers 503). */
	public ChangeResult change(String objectId, Change change) {
		this.hotObjects.recordWrite(objectId);
		// the coalescer fails the future after the timeout, so an untimed wait ends too, and costs no timer
		ChangeResult result = awaitUntimed(this.coalescer.submit(objectId, change));
		// listeners run here, on the request's virtual thread, not on Lettuce's event loop: that loop
		// completes every request's future, and work on it would serialize all requests behind it
		if (result.status() == ChangeResult.Status.APPLIED) {
			notifyApplied(objectId, change, result);
		}
		return result;
	}

	public ObjectCounts read(String objectId) {
		return await(this.nearCache.get(objectId));
	}

	public Map<String, ObjectCounts> readAll(List<String> objectIds) {
		return await(this.nearCache.getAll(objectIds));
	}

	/** Fresh from Redis, bypassing the near cache (live pushes). */
	public CompletableFuture<Map<String, ObjectCounts>> readFresh(List<String> objectIds) {
		return this.store.readAll(objectIds);
	}

	public boolean isLiked(String objectId, String userId) {
		return await(this.store.isLiked(objectId, userId));
	}

	public long uniqueViewers(String objectId) {
		return await(this.store.uniqueViewers(objectId));
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

	private <T> T awaitUntimed(CompletableFuture<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw problem(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw CounterProblems.unavailable("Interrupted while waiting for Redis.", ex);
		}
	}

	private static RuntimeException problem(ExecutionException ex) {
		if (ex.getCause() instanceof ErrorResponseException problem) {
			return problem;
		}
		return CounterProblems.unavailable("Redis failed: " + ex.getCause().getMessage(), ex.getCause());
	}

	private <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw CounterProblems.unavailable("Redis did not answer within " + this.timeout.toMillis() + " ms.", ex);
		}
		catch (ExecutionException ex) {
			throw problem(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw CounterProblems.unavailable("Interrupted while waiting for Redis.", ex);
		}
	}

}
