package io.headcount.counter.counters.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.headcount.platform.scheduling.PeriodicWorker;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Sends Redis commands in rounds: callers only enqueue; one thread writes every queued
 * command to a connection that does not flush by itself, then flushes once. With
 * Lettuce's default (write and flush per command), each script call from a request thread
 * handed a task to the node connection's event loop and woke it: JFR put that hand-off at
 * a large share of a like's CPU (docs/counters.md). In a round, the commands for one node
 * go out as one task and one socket write, however many requests waited; an idle instance
 * pays one thread wake-up per command, as before.
 * <p>
 * Object batches ({@link #send(ObjectBatch)}) are handed to the next stage per round, all
 * at once, so that it can send the batches of one node as one script call. A batch is
 * filled here, on this thread, from its object's lane (see {@link ObjectBatch}).
 * <p>
 * Lettuce writes a few commands on its own later (a MOVED redirect, a command queued
 * while a node's connection opens); those go out with the next round or, when no round
 * comes, within {@value #IDLE_FLUSH_MILLIS} ms.
 */
final class CommandRounds implements WriteCoalescer.BatchSender, AutoCloseable {

	/** Sends a round's object batches; called on the rounds thread. */
	@FunctionalInterface
	interface RoundSender {

		/**
		 * @param connection the connection whose commands the round flushes once they are
		 * all written
		 */
		void send(StatefulRedisClusterConnection<String, String> connection, List<ObjectBatch> batches);

	}

	static final long IDLE_FLUSH_MILLIS = 5;

	/**
	 * How long after a round idle flushes continue (redirects and reconnects settle well
	 * within it).
	 */
	private static final long IDLE_FLUSH_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final int MAX_ROUND = 4096;

	private final Supplier<StatefulRedisClusterConnection<String, String>> connection;

	/** {@link Call}s and {@link ObjectBatch}es, in the order they came. */
	private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	private final RoundSender next;

	/**
	 * The rounds thread: platform's one idiom for a thread of its own, looping (each turn
	 * waits on the queue itself).
	 */
	private final PeriodicWorker worker;

	/** The current round; only the rounds thread uses it. */
	private final List<Object> round = new ArrayList<>();

	/** When the last round went out; only the rounds thread uses it. */
	private long lastRound = System.nanoTime() - IDLE_FLUSH_WINDOW_NANOS;

	private volatile boolean open = true;

	/**
	 * @param connection a connection with auto-flush off that only this instance uses
	 * @param next sends each round's object batches on that connection
	 */
	CommandRounds(Supplier<StatefulRedisClusterConnection<String, String>> connection, RoundSender next) {
		this.connection = connection;
		this.next = next;
		this.worker = PeriodicWorker.looping("counter-redis-rounds", this::turn);
		this.worker.start();
	}

	/**
	 * Queues one command for the next round; the future completes when Redis answers it.
	 */
	<T> CompletableFuture<T> submit(
			Function<RedisAdvancedClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
		Call<T> call = new Call<>(command, new CompletableFuture<>());
		if (!this.open) {
			return CompletableFuture.failedFuture(new IllegalStateException("Redis command rounds are closed"));
		}
		this.queue.add(call);
		return call.result;
	}

	/**
	 * Queues one object's batch of changes for the next round. The round hands all its
	 * batches at once to the next stage, which may combine them into fewer commands.
	 */
	@Override
	public void send(ObjectBatch batch) {
		if (!this.open) {
			batch.result().completeExceptionally(new IllegalStateException("Redis command rounds are closed"));
			return;
		}
		this.queue.add(batch);
	}

	@Override
	public void close() {
		this.open = false;
		this.worker.stop(); // interrupts the wait and waits for a round being sent
		failAll(this.queue, new IllegalStateException("Redis command rounds are closed"));
	}

	/**
	 * One turn: waits for work (while the last round settles, at most a few ms, then
	 * flushes; after that, until work comes) and sends what has come as one round.
	 */
	private void turn() {
		boolean settling = System.nanoTime() - this.lastRound < IDLE_FLUSH_WINDOW_NANOS;
		Object first;
		try {
			first = settling ? this.queue.poll(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS) : this.queue.take();
		}
		catch (InterruptedException ex) {
			return; // close() stops the worker, which then ends its loop
		}
		if (first == null) {
			flush();
			return;
		}
		this.round.add(first);
		this.queue.drainTo(this.round, MAX_ROUND - 1);
		try {
			send(this.round);
		}
		finally {
			this.round.clear();
		}
		this.lastRound = System.nanoTime();
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
				this.next.send(c, objectBatches);
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
			// stopped or reconnecting: the next round or Lettuce's reconnect sends what
			// is buffered
		}
	}

	private static void failAll(Collection<Object> items, Throwable failure) {
		for (Object item = pollFirst(items); item != null; item = pollFirst(items)) {
			CompletableFuture<?> result = (item instanceof Call<?> call) ? call.result : ((ObjectBatch) item).result();
			result.completeExceptionally(failure);
		}
	}

	private static @Nullable Object pollFirst(Collection<Object> items) {
		Iterator<Object> iterator = items.iterator();
		if (!iterator.hasNext()) {
			return null;
		}
		Object item = iterator.next();
		iterator.remove();
		return item;
	}

	private record Call<T>(
			Function<RedisAdvancedClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> command,
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
