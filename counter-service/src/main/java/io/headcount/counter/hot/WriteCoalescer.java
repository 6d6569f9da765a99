package io.headcount.counter.hot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;

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

	private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

	private final BatchSender sender;

	private final int maxBatch;

	private final IntConsumer batchSizes;

	private final java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();

	private final java.util.concurrent.atomic.LongAdder changes = new java.util.concurrent.atomic.LongAdder();

	private final Predicate<String> hot;

	private final long lingerNanos;

	private final ScheduledExecutorService timer;

	public WriteCoalescer(BatchSender sender, int maxBatch, IntConsumer batchSizes) {
		this(sender, maxBatch, batchSizes, (id) -> false, Duration.ZERO);
	}

	/**
	 * @param hot whether an object is hot now
	 * @param linger how long a hot object's next batch collects changes before it is sent
	 */
	public WriteCoalescer(BatchSender sender, int maxBatch, IntConsumer batchSizes, Predicate<String> hot,
			Duration linger) {
		this.sender = sender;
		this.maxBatch = maxBatch;
		this.batchSizes = batchSizes;
		this.hot = hot;
		this.lingerNanos = linger.toNanos();
		this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.daemon()
			.name("counter-coalescer-linger")
			.factory());
	}

	/** Stops the linger timer (batches already scheduled are sent by then or fail their requests on timeout). */
	public void close() {
		this.timer.shutdown();
	}

	public CompletableFuture<ChangeResult> submit(String objectId, Change change) {
		Pending pending = new Pending(change, new CompletableFuture<>());
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
			batch.add(lane.drain(this.maxBatch));
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

	private record Pending(Change change, CompletableFuture<ChangeResult> result) {
	}

	private static final class Lane {

		final ArrayDeque<Pending> queue = new ArrayDeque<>();

		boolean inFlight;

		List<Pending> drain(int max) {
			List<Pending> batch = new ArrayList<>(Math.min(max, this.queue.size()));
			while (!this.queue.isEmpty() && batch.size() < max) {
				batch.add(this.queue.poll());
			}
			return batch;
		}

	}

}
