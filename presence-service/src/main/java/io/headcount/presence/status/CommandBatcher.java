package io.headcount.presence.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups device commands per shard so that many heartbeats cost one script call: while a
 * call for a shard is in flight, new commands for that shard queue up and go together in
 * the next call. At low load a command goes out at once (no added latency); at high load
 * batches grow by themselves.
 */
final class CommandBatcher {

	private static final Logger logger = LoggerFactory.getLogger(CommandBatcher.class);

	private final PresenceStore store;

	private final Lane[] lanes;

	private final int maxBatch;

	private final Executor completions;

	private final Consumer<List<Outcome>> reporter;

	/**
	 * @param completions where callers' futures complete (never Lettuce's I/O threads)
	 * @param reporter told about each batch's outcomes, in the order Redis applied them
	 * per shard
	 */
	CommandBatcher(PresenceStore store, int maxBatch, Executor completions, Consumer<List<Outcome>> reporter) {
		this.store = store;
		this.maxBatch = maxBatch;
		this.completions = completions;
		this.reporter = reporter;
		this.lanes = new Lane[store.shards().count()];
		for (int i = 0; i < this.lanes.length; i++) {
			this.lanes[i] = new Lane(i);
		}
	}

	CompletableFuture<Outcome> submit(DeviceCommand command) {
		Pending pending = new Pending(command, new CompletableFuture<>());
		Lane lane = this.lanes[this.store.shards().of(command.userId())];
		lane.queue.add(pending);
		lane.flush();
		return pending.result();
	}

	private record Pending(DeviceCommand command, CompletableFuture<Outcome> result) {
	}

	private final class Lane {

		private final int shard;

		private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean inFlight = new AtomicBoolean();

		/**
		 * Completions run one after another, so one user's transitions are reported in
		 * order.
		 */
		private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

		Lane(int shard) {
			this.shard = shard;
		}

		void flush() {
			while (!this.queue.isEmpty() && this.inFlight.compareAndSet(false, true)) {
				List<Pending> batch = new ArrayList<>();
				Pending next;
				while (batch.size() < CommandBatcher.this.maxBatch && (next = this.queue.poll()) != null) {
					batch.add(next);
				}
				if (batch.isEmpty()) {
					this.inFlight.set(false);
					continue;
				}
				List<DeviceCommand> commands = batch.stream().map(Pending::command).toList();
				CompletableFuture<List<Outcome>> call;
				try {
					call = CommandBatcher.this.store.touch(this.shard, commands);
				}
				catch (RuntimeException ex) {
					call = CompletableFuture.failedFuture(ex);
				}
				call.whenComplete((outcomes, failure) -> {
					this.tail = this.tail.thenRunAsync(() -> complete(batch, outcomes, failure),
							CommandBatcher.this.completions);
					this.inFlight.set(false);
					flush();
				});
				return;
			}
		}

		private void complete(List<Pending> batch, List<Outcome> outcomes, Throwable failure) {
			if (failure == null) {
				try {
					CommandBatcher.this.reporter.accept(outcomes);
				}
				catch (RuntimeException ex) {
					// Redis applied the commands: a listener's failure must not fail them
					logger.warn("Reporting presence transitions failed", ex);
				}
			}
			for (int i = 0; i < batch.size(); i++) {
				if (failure != null) {
					batch.get(i).result().completeExceptionally(failure);
				}
				else {
					batch.get(i).result().complete(outcomes.get(i));
				}
			}
		}

	}

}
