package io.headcount.counter.hot;

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
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.CounterProblems;

/**
 * Batches the changes of one object into one script call, without a timer ("smart batching"): the first
 * change of an idle object goes out at once; changes that arrive while its call is in flight wait and go
 * out together as the next call. A quiet object pays no latency; a hot one pays one call per round trip
 * instead of one per request, so it cannot saturate its Redis slot's thread, and the app spends its CPU
 * on requests rather than on Redis commands.
 * <p>
 * Every future completes only after Redis answered for its change, so a request is acknowledged only once
 * its change is in Redis: killing the JVM loses changes that were never acknowledged, never one that was.
 * One call in flight per object keeps the object's changes in order. For a hot object (detected per
 * instance) the next batch also waits a short linger, so it carries more changes per call.
 */
public final class WriteCoalescer {

	/** Sends one object's batch; the list of results is in the order of the changes. */
	@FunctionalInterface
	public interface BatchSender {

		CompletableFuture<List<ChangeResult>> send(String objectId, List<Change> changes);

	}

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

	private static final long SWEEP_MILLIS = 50;

	private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

	/** Every change not yet swept, oldest first: the timeout sweep walks it from the head. */
	private final ConcurrentLinkedQueue<Pending> deadlines = new ConcurrentLinkedQueue<>();

	private final long timeoutNanos;

	private final BatchSender sender;

	private final int maxBatch;

	private final IntConsumer batchSizes;

	private final java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();

	private final java.util.concurrent.atomic.LongAdder changes = new java.util.concurrent.atomic.LongAdder();

	private final Predicate<String> hot;

	private final long lingerNanos;

	private final ScheduledExecutorService timer;

	public WriteCoalescer(BatchSender sender, int maxBatch, IntConsumer batchSizes) {
		this(sender, maxBatch, batchSizes, (id) -> false, Duration.ZERO, DEFAULT_TIMEOUT);
	}

	/**
	 * @param hot whether an object is hot now
	 * @param linger how long a hot object's next batch collects changes before it is sent
	 * @param timeout how long a change may wait for Redis: then its future fails with a 503 problem, and a
	 * change still queued then is never sent
	 */
	public WriteCoalescer(BatchSender sender, int maxBatch, IntConsumer batchSizes, Predicate<String> hot,
			Duration linger, Duration timeout) {
		this.sender = sender;
		this.timeoutNanos = timeout.toNanos();
		this.maxBatch = maxBatch;
		this.batchSizes = batchSizes;
		this.hot = hot;
		this.lingerNanos = linger.toNanos();
		this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.daemon()
			.name("counter-coalescer-timer")
			.factory());
		this.timer.scheduleWithFixedDelay(this::expire, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Stops the linger timer (batches already scheduled are sent by then or fail their requests on timeout). */
	public void close() {
		this.timer.shutdown();
	}

	/**
	 * Queues one change; the future completes when Redis answered for it, or fails after the timeout.
	 * Callers may wait on it without a timeout of their own (a timed wait costs a virtual thread a timer
	 * task per request; the sweep here costs one queue insert).
	 */
	public CompletableFuture<ChangeResult> submit(String objectId, Change change) {
		Pending pending = new Pending(change, new CompletableFuture<>(), System.nanoTime());
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
	 * Sends the lane's next batch: at once for an ordinary object; a hot object's batch waits the linger
	 * (a few ms) to collect more changes. The lane stays "in flight" meanwhile, so nobody else drains it.
	 */
	private void dispatch(String objectId) {
		if (this.lingerNanos > 0 && this.hot.test(objectId)) {
			this.timer.schedule(() -> flush(objectId), this.lingerNanos, TimeUnit.NANOSECONDS);
		}
		else {
			flush(objectId);
		}
	}

	private void flush(String objectId) {
		List<List<Pending>> batch = new ArrayList<>(1);
		this.lanes.computeIfPresent(objectId, (id, lane) -> {
			List<Pending> next = lane.drain(this.maxBatch);
			if (next.isEmpty()) {
				return null; // every queued change had timed out: nothing in flight any more
			}
			batch.add(next);
			return lane;
		});
		if (!batch.isEmpty() && !batch.getFirst().isEmpty()) {
			send(objectId, batch.getFirst());
		}
	}

	/** Objects with a call in flight or changes waiting (for tests and metrics). */
	public int activeObjects() {
		return this.lanes.size();
	}

	/** Script calls sent since start. */
	public long calls() {
		return this.calls.sum();
	}

	/** Changes sent since start. */
	public long changes() {
		return this.changes.sum();
	}

	private void send(String objectId, List<Pending> batch) {
		this.calls.increment();
		this.changes.add(batch.size());
		this.batchSizes.accept(batch.size());
		CompletableFuture<List<ChangeResult>> call;
		try {
			call = this.sender.send(objectId, batch.stream().map(Pending::change).toList());
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		call.whenComplete((results, failure) -> {
			// start the next call before completing this one's requests: keeps the pipeline busy
			boolean[] more = new boolean[1];
			this.lanes.compute(objectId, (id, lane) -> {
				if (lane == null || lane.queue.isEmpty()) {
					return null;
				}
				more[0] = true;
				return lane;
			});
			if (more[0]) {
				dispatch(objectId);
			}
			for (int i = 0; i < batch.size(); i++) {
				if (failure != null) {
					batch.get(i).result.completeExceptionally(failure);
				}
				else if (results == null || i >= results.size()) {
					batch.get(i).result.completeExceptionally(
							new IllegalStateException("Redis answered " + (results == null ? 0 : results.size())
									+ " results for " + batch.size() + " changes"));
				}
				else {
					batch.get(i).result.complete(results.get(i));
				}
			}
		});
	}

	/**
	 * Fails the changes that waited longer than the timeout. Pending changes are in the queue in the order
	 * they came, so the sweep stops at the first one still within its time.
	 */
	private void expire() {
		try {
			long now = System.nanoTime();
			for (Pending head = this.deadlines.peek(); head != null; head = this.deadlines.peek()) {
				if (!head.result.isDone()) {
					if (now - head.submittedNanos < this.timeoutNanos) {
						return;
					}
					head.result.completeExceptionally(CounterProblems.unavailable(
							"Redis did not answer within " + TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms.",
							null));
				}
				this.deadlines.poll();
			}
		}
		catch (RuntimeException ex) {
			// never let the sweep die: the next run tries again
		}
	}

	private record Pending(Change change, CompletableFuture<ChangeResult> result, long submittedNanos) {
	}

	private static final class Lane {

		final ArrayDeque<Pending> queue = new ArrayDeque<>();

		boolean inFlight;

		/** The next changes to send; those that already timed out (answered 503) are dropped, never sent. */
		List<Pending> drain(int max) {
			List<Pending> batch = new ArrayList<>(Math.min(max, this.queue.size()));
			while (!this.queue.isEmpty() && batch.size() < max) {
				Pending pending = this.queue.poll();
				if (!pending.result.isDone()) {
					batch.add(pending);
				}
			}
			return batch;
		}

	}

}
