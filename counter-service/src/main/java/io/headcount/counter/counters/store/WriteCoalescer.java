package io.headcount.counter.counters.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.platform.redis.RedisUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Batches the changes of one object into one script call, without a timer ("smart
 * batching"): the first change of an idle object goes out at once; changes that arrive
 * while its call is in flight wait and go out together as the next call. A quiet object
 * pays no latency; a hot one pays one call per round trip instead of one per request, so
 * it cannot saturate its Redis slot's thread, and the app spends its CPU on requests
 * rather than on Redis commands.
 * <p>
 * Every future completes only after Redis answered for its change, so a request is
 * acknowledged only once its change is in Redis: killing the JVM loses changes that were
 * never acknowledged, never one that was. One call in flight per object keeps the
 * object's changes in order. For a hot object (detected per instance) the next batch also
 * waits a short linger, so it carries more changes per call.
 * <p>
 * A batch is handed to the next stage empty and takes its changes from the object's lane
 * when the next stage first reads them: so when Redis answers a call on Lettuce's event
 * loop, that thread only queues the object's next batch, and the rounds thread fills it.
 */
final class WriteCoalescer {

	/**
	 * The next stage: sends one object's batch and completes its result, in the order of
	 * its changes.
	 */
	@FunctionalInterface
	interface BatchSender {

		void send(ObjectBatch batch);

	}

	private static final long SWEEP_MILLIS = 50;

	private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

	/**
	 * Every change not yet swept, oldest first: the timeout sweep walks it from the head.
	 */
	private final ConcurrentLinkedQueue<Pending> deadlines = new ConcurrentLinkedQueue<>();

	private final long timeoutNanos;

	private final BatchSender next;

	private final int maxBatch;

	private final IntConsumer batchSizes;

	private final LongAdder calls = new LongAdder();

	private final LongAdder changes = new LongAdder();

	private final Predicate<String> hot;

	private final long lingerNanos;

	private final ScheduledExecutorService timer;

	/**
	 * @param next where batches go
	 * @param maxBatch most changes of one object in one batch
	 * @param batchSizes told the size of every batch sent
	 * @param hot whether an object is hot now
	 * @param linger how long a hot object's next batch collects changes before it is sent
	 * @param timeout how long a change may wait for Redis: then its future fails with
	 * {@link RedisUnavailableException}, and a change still queued then is never sent
	 */
	WriteCoalescer(BatchSender next, int maxBatch, IntConsumer batchSizes, Predicate<String> hot, Duration linger,
			Duration timeout) {
		this.next = next;
		this.timeoutNanos = timeout.toNanos();
		this.maxBatch = maxBatch;
		this.batchSizes = batchSizes;
		this.hot = hot;
		this.lingerNanos = linger.toNanos();
		this.timer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("counter-coalescer-timer").factory());
		this.timer.scheduleWithFixedDelay(this::expire, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops the linger timer (batches already scheduled are sent by then or fail their
	 * requests on timeout).
	 */
	void close() {
		this.timer.shutdown();
	}

	/**
	 * Queues one change; the future completes when Redis answered for it, or fails after
	 * the timeout. Callers may wait on it without a timeout of their own (a timed wait
	 * costs a virtual thread a timer task per request; the sweep here costs one queue
	 * insert).
	 */
	CompletableFuture<ChangeResult> submit(String objectId, Change change) {
		Pending pending = new Pending(change, new CompletableFuture<>(), System.nanoTime(), 1);
		this.deadlines.add(pending);
		boolean[] start = new boolean[1];
		this.lanes.compute(objectId, (id, lane) -> {
			Lane l = (lane != null) ? lane : new Lane();
			l.queue.add(pending);
			if (!l.inFlight) {
				l.inFlight = true;
				start[0] = true;
			}
			return l;
		});
		if (start[0]) {
			dispatch(objectId);
		}
		return pending.result;
	}

	/**
	 * Queues changes that must be applied together or not at all (a batch of statistics
	 * events): they go in one batch, hence in one script call, which Redis applies
	 * atomically. A unit is never split over batches, even when it is larger than
	 * {@code maxBatch} (then it goes alone), and a unit one of whose changes timed out
	 * before it was sent is never sent. The future completes with one result per change,
	 * in order, or fails as {@link #submit}'s does.
	 */
	CompletableFuture<List<ChangeResult>> submitAll(String objectId, List<Change> changes) {
		int n = changes.size();
		long now = System.nanoTime();
		List<Pending> unit = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			unit.add(new Pending(changes.get(i), new CompletableFuture<>(), now, (i == 0) ? n : 0));
		}
		this.deadlines.addAll(unit);
		boolean[] start = new boolean[1];
		this.lanes.compute(objectId, (id, lane) -> {
			Lane l = (lane != null) ? lane : new Lane();
			l.queue.addAll(unit);
			if (!l.inFlight) {
				l.inFlight = true;
				start[0] = true;
			}
			return l;
		});
		if (start[0]) {
			dispatch(objectId);
		}
		CompletableFuture<?>[] results = new CompletableFuture<?>[n];
		for (int i = 0; i < n; i++) {
			results[i] = unit.get(i).result;
		}
		return CompletableFuture.allOf(results).thenApply((ignored) -> {
			List<ChangeResult> all = new ArrayList<>(n);
			unit.forEach((p) -> all.add(p.result.join()));
			return all;
		});
	}

	/** Objects with a call in flight or changes waiting (for tests and metrics). */
	int activeObjects() {
		return this.lanes.size();
	}

	/** Script calls sent since start. */
	long calls() {
		return this.calls.sum();
	}

	/** Changes sent since start. */
	long changes() {
		return this.changes.sum();
	}

	/**
	 * Hands the lane's next batch to the next stage: at once for an ordinary object; a
	 * hot object's batch waits the linger (a few ms) to collect more changes. The lane
	 * stays "in flight" meanwhile, so nobody else drains it.
	 */
	private void dispatch(String objectId) {
		LaneBatch batch = new LaneBatch(objectId);
		batch.result().whenComplete((results, failure) -> answered(batch, results, failure));
		if (this.lingerNanos > 0 && this.hot.test(objectId)) {
			this.timer.schedule(() -> this.next.send(batch), this.lingerNanos, TimeUnit.NANOSECONDS);
		}
		else {
			this.next.send(batch);
		}
	}

	/**
	 * The lane's next changes, when the next stage first reads the batch; an empty lane
	 * is removed.
	 */
	private List<Pending> drain(String objectId) {
		List<List<Pending>> taken = new ArrayList<>(1);
		this.lanes.computeIfPresent(objectId, (id, lane) -> {
			List<Pending> next = lane.drain(this.maxBatch);
			taken.add(next);
			return next.isEmpty() ? null : lane; // every queued change had timed out:
													// nothing in flight any more
		});
		List<Pending> batch = taken.isEmpty() ? List.of() : taken.getFirst();
		if (!batch.isEmpty()) {
			this.calls.increment();
			this.changes.add(batch.size());
			this.batchSizes.accept(batch.size());
		}
		return batch;
	}

	private void answered(LaneBatch batch, @Nullable List<ChangeResult> results, @Nullable Throwable failure) {
		List<Pending> sent = batch.pending();
		if (sent.isEmpty()) {
			return; // the drain found nothing to send and removed the lane
		}
		// queue the next call before completing this one's requests: keeps the pipeline
		// busy
		boolean[] more = new boolean[1];
		this.lanes.compute(batch.objectId(), (id, lane) -> {
			if (lane == null || lane.queue.isEmpty()) {
				return null;
			}
			more[0] = true;
			return lane;
		});
		if (more[0]) {
			dispatch(batch.objectId());
		}
		for (int i = 0; i < sent.size(); i++) {
			if (failure != null) {
				sent.get(i).result.completeExceptionally(failure);
			}
			else if (results == null || i >= results.size()) {
				sent.get(i).result.completeExceptionally(new IllegalStateException("Redis answered "
						+ ((results == null) ? 0 : results.size()) + " results for " + sent.size() + " changes"));
			}
			else {
				sent.get(i).result.complete(results.get(i));
			}
		}
	}

	/**
	 * Fails the changes that waited longer than the timeout. Pending changes are in the
	 * queue in the order they came, so the sweep stops at the first one still within its
	 * time.
	 */
	private void expire() {
		try {
			long now = System.nanoTime();
			for (Pending head = this.deadlines.peek(); head != null; head = this.deadlines.peek()) {
				if (!head.result.isDone()) {
					if (now - head.submittedNanos < this.timeoutNanos) {
						return;
					}
					head.result.completeExceptionally(new RedisUnavailableException(
							"Redis did not answer within " + TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms",
							null));
				}
				this.deadlines.poll();
			}
		}
		catch (RuntimeException ex) {
			// never let the sweep die: the next run tries again
		}
	}

	/**
	 * @param unit how many changes from this one on are one all-or-nothing unit: 1 for a
	 * change of its own, the unit's size for its first change, 0 for the others
	 */
	private record Pending(Change change, CompletableFuture<ChangeResult> result, long submittedNanos, int unit) {
	}

	/** A batch that takes its changes from its object's lane when first read. */
	private final class LaneBatch extends ObjectBatch {

		private @Nullable List<Pending> pending;

		LaneBatch(String objectId) {
			super(objectId);
		}

		@Override
		protected List<Change> take() {
			List<Pending> taken = drain(objectId());
			this.pending = taken;
			List<Change> changes = new ArrayList<>(taken.size());
			for (Pending p : taken) {
				changes.add(p.change());
			}
			return changes;
		}

		/**
		 * The changes this batch carries (taking them now if nobody did, as when the
		 * rounds closed).
		 */
		List<Pending> pending() {
			changes();
			List<Pending> taken = this.pending;
			return (taken != null) ? taken : List.of();
		}

	}

	private static final class Lane {

		final ArrayDeque<Pending> queue = new ArrayDeque<>();

		boolean inFlight;

		/**
		 * The next changes to send; those that already timed out (answered 503) are
		 * dropped, never sent.
		 */
		List<Pending> drain(int max) {
			List<Pending> batch = new ArrayList<>(Math.min(max, this.queue.size()));
			while (!this.queue.isEmpty()) {
				Pending head = this.queue.peek();
				int size = Math.max(1, head.unit);
				if (!batch.isEmpty() && batch.size() + size > max) {
					break;
				}
				if (size == 1) {
					this.queue.poll();
					if (!head.result.isDone()) {
						batch.add(head);
					}
					continue;
				}
				List<Pending> unit = new ArrayList<>(size);
				boolean timedOut = false;
				for (int i = 0; i < size && !this.queue.isEmpty(); i++) {
					Pending member = this.queue.poll();
					timedOut |= member.result.isDone();
					unit.add(member);
				}
				if (timedOut) {
					// part of it was answered 503 already: none of it may be applied
					RedisUnavailableException failure = new RedisUnavailableException(
							"Part of the batch waited too long for Redis; nothing of it was applied", null);
					unit.forEach((member) -> member.result.completeExceptionally(failure));
				}
				else {
					batch.addAll(unit);
				}
			}
			return batch;
		}

	}

}
