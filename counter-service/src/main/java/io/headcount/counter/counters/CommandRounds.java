package io.headcount.counter.counters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

/**
 * Sends Redis commands in rounds: callers only enqueue; one thread writes every queued command to a
 * connection that does not flush by itself, then flushes once. With Lettuce's default (write and flush
 * per command), each script call from a request thread handed a task to the node connection's event
 * loop and woke it: JFR put that hand-off at about a fifth of a like's CPU on this 2-core machine. In a
 * round, the commands for one node go out as one task and one socket write, however many requests
 * waited; an idle instance pays one thread wake-up per command, as before.
 * <p>
 * Object batches ({@link #submitBatch}) are handed over per round, all at once, so that the store can send
 * the batches of one node as one script call.
 * <p>
 * Lettuce writes a few commands on its own later (a MOVED redirect, a command queued while a node's
 * connection opens); those go out with the next round or, when no round comes, within
 * {@value #IDLE_FLUSH_MILLIS} ms.
 */
public final class CommandRounds implements AutoCloseable {

	static final long IDLE_FLUSH_MILLIS = 5;

	/** How long after a round idle flushes continue (redirects and reconnects settle well within it). */
	private static final long IDLE_FLUSH_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final int MAX_ROUND = 4096;

	private final Supplier<StatefulRedisClusterConnection<String, String>> connection;

	/** {@link Call}s and {@link ObjectBatch}es, in the order they came. */
	private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	private volatile BiConsumer<StatefulRedisClusterConnection<String, String>, List<ObjectBatch>> batches = (c, b) -> {
		throw new IllegalStateException("No one sends object batches");
	};

	private final Thread thread;

	private volatile boolean open = true;

	/**
	 * @param connection a connection with auto-flush off that only this instance uses
	 */
	public CommandRounds(Supplier<StatefulRedisClusterConnection<String, String>> connection) {
		this.connection = connection;
		this.thread = Thread.ofPlatform().daemon().name("counter-redis-rounds").start(this::run);
	}

	/** Queues one command for the next round; the future completes when Redis answers it. */
	public <T> CompletableFuture<T> submit(
			Function<RedisAdvancedClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
		Call<T> call = new Call<>(command, new CompletableFuture<>());
		if (!this.open) {
			return CompletableFuture.failedFuture(new IllegalStateException("Redis command rounds are closed"));
		}
		this.queue.add(call);
		return call.result;
	}

	/**
	 * Queues one object's batch of changes for the next round. The round hands all its batches at once
	 * to the sender set by {@link #sendBatchesWith}, which may combine them into fewer commands.
	 */
	public void submitBatch(ObjectBatch batch) {
		if (!this.open) {
			batch.result().completeExceptionally(new IllegalStateException("Redis command rounds are closed"));
			return;
		}
		this.queue.add(batch);
	}

	/**
	 * Who sends a round's object batches; called on this instance's thread, with the connection whose
	 * commands the round flushes once they are all written.
	 */
	public void sendBatchesWith(BiConsumer<StatefulRedisClusterConnection<String, String>, List<ObjectBatch>> sender) {
		this.batches = sender;
	}

	@Override
	public void close() {
		this.open = false;
		this.thread.interrupt();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		failAll(this.queue, new IllegalStateException("Redis command rounds are closed"));
	}

	private void run() {
		List<Object> round = new ArrayList<>();
		long lastRound = System.nanoTime() - IDLE_FLUSH_WINDOW_NANOS;
		while (this.open) {
			boolean settling = System.nanoTime() - lastRound < IDLE_FLUSH_WINDOW_NANOS;
			Object first;
			try {
				// while the last round settles, wake every few ms to flush; after that, sleep until work comes
				first = settling ? this.queue.poll(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS) : this.queue.take();
			}
			catch (InterruptedException ex) {
				continue; // close() interrupts; the loop condition decides
			}
			if (first == null) {
				flush();
				continue;
			}
			round.add(first);
			this.queue.drainTo(round, MAX_ROUND - 1);
			send(round);
			round.clear();
			lastRound = System.nanoTime();
		}
	}

	private void send(List<Object> round) {
		StatefulRedisClusterConnection<String, String> c;
		try {
			c = this.connection.get();
		}
		catch (RuntimeException ex) {
			failAll(round, ex);
			return;
		}
		RedisAdvancedClusterAsyncCommands<String, String> commands = c.async();
		List<ObjectBatch> objectBatches = null;
		for (Object item : round) {
			if (item instanceof Call<?> call) {
				call.start(commands);
			}
			else {
				if (objectBatches == null) {
					objectBatches = new ArrayList<>();
				}
				objectBatches.add((ObjectBatch) item);
			}
		}
		if (objectBatches != null) {
			try {
				this.batches.accept(c, objectBatches);
			}
			catch (RuntimeException ex) {
				objectBatches.forEach((batch) -> batch.result().completeExceptionally(ex));
			}
		}
		c.flushCommands();
	}

	private void flush() {
		try {
			StatefulConnection<String, String> c = this.connection.get();
			c.flushCommands();
		}
		catch (RuntimeException ex) {
			// stopped or reconnecting: the next round or Lettuce's reconnect sends what is buffered
		}
	}

	private static void failAll(java.util.Collection<Object> items, Throwable failure) {
		for (Object item = pollFirst(items); item != null; item = pollFirst(items)) {
			CompletableFuture<?> result = (item instanceof Call<?> call) ? call.result : ((ObjectBatch) item).result();
			result.completeExceptionally(failure);
		}
	}

	private static Object pollFirst(java.util.Collection<Object> items) {
		var iterator = items.iterator();
		if (!iterator.hasNext()) {
			return null;
		}
		Object item = iterator.next();
		iterator.remove();
		return item;
	}

	private record Call<T>(Function<RedisAdvancedClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> command,
			CompletableFuture<T> result) {

		void start(RedisAdvancedClusterAsyncCommands<String, String> commands) {
			try {
				this.command.apply(commands).whenComplete((value, failure) -> {
					if (failure != null) {
						this.result.completeExceptionally(failure);
					}
					else {
						this.result.complete(value);
					}
				});
			}
			catch (RuntimeException ex) {
				this.result.completeExceptionally(ex);
			}
		}

	}

}
