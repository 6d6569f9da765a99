package io.headcount.counter.hot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

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
 * One call in flight per object keeps the object's changes in order.
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

	public WriteCoalescer(BatchSender sender, int maxBatch, IntConsumer batchSizes) {
		this.sender = sender;
		this.maxBatch = maxBatch;
		this.batchSizes = batchSizes;
	}

	public CompletableFuture<ChangeResult> submit(String objectId, Change change) {
		Pending pending = new Pending(change, new CompletableFuture<>());
		List<List<Pending>> toSend = new ArrayList<>(1);
		this.lanes.compute(objectId, (id, lane) -> {
			Lane l = (lane != null) ? lane : new Lane();
			l.queue.add(pending);
			if (!l.inFlight) {
				l.inFlight = true;
				toSend.add(l.drain(this.maxBatch));
			}
			return l;
		});
		if (!toSend.isEmpty()) {
			send(objectId, toSend.getFirst());
		}
		return pending.result;
	}

	/** Objects with a call in flight or changes waiting (for tests and metrics). */
	public int activeObjects() {
		return this.lanes.size();
	}

	private void send(String objectId, List<Pending> batch) {
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
			List<List<Pending>> next = new ArrayList<>(1);
			this.lanes.compute(objectId, (id, lane) -> {
				if (lane == null || lane.queue.isEmpty()) {
					return null;
				}
				next.add(lane.drain(this.maxBatch));
				return lane;
			});
			if (!next.isEmpty()) {
				send(objectId, next.getFirst());
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
