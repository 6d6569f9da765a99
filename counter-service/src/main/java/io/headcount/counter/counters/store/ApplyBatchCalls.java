package io.headcount.counter.counters.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.FastIds;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.outbox.OutboxBacklogFullException;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisUnavailableException;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandType;

/**
 * One {@code apply-batch.lua} call for a group of object batches on one node, and the two
 * ways it is sent again: by its text when the node does not know the script (NOSCRIPT: a
 * new master, a flushed script cache), and one object per call when the script found a
 * key this node does not serve (a slot moved since the topology was read, or is moving),
 * in which case it wrote nothing. Both retries are rare and go out on the shared
 * auto-flushing connection, from the thread that saw the answer; an object whose own slot
 * is moving fails with {@link RedisUnavailableException}.
 * <p>
 * That thread is Lettuce's event loop, which must never wait: the shared connection is
 * therefore taken (and on an instance's first resend, opened) on a virtual thread of its
 * own. Opened from the event loop, it blocked the very loop its handshake needed, and
 * every like of a fresh instance on a cluster without the script timed out
 * ({@code ScriptFallbackIntegrationTests}).
 */
final class ApplyBatchCalls {

	private static final Executor OFF_THE_LOOP = (task) -> Thread.ofVirtual().name("counter-resend").start(task);

	private final ApplyBatchScript script;

	private final Supplier<RedisAdvancedClusterAsyncCommands<String, String>> retries;

	private final IntConsumer callSizes;

	private final OutboxStreams outbox;

	private final Supplier<Partitions> partitions;

	private final long maxBacklog;

	/**
	 * @param retries the shared connection, for the rare second sending of a call
	 * @param callSizes told the number of changes of every script call
	 * @param outbox the streams the script writes its events to, one per node and call
	 * @param partitions the cluster's topology as the client knows it
	 */
	ApplyBatchCalls(ApplyBatchScript script, Supplier<RedisAdvancedClusterAsyncCommands<String, String>> retries,
			IntConsumer callSizes, OutboxStreams outbox, Supplier<Partitions> partitions, long maxBacklog) {
		this.outbox = outbox;
		this.partitions = partitions;
		this.maxBacklog = maxBacklog;
		this.script = script;
		this.retries = retries;
		this.callSizes = callSizes;
	}

	/**
	 * Sends one call for these batches, all on one node.
	 * @param regroupable whether a call that meets another node's key is sent again one
	 * object per call
	 */
	void send(RedisAdvancedClusterAsyncCommands<String, String> commands, List<ObjectBatch> group,
			boolean regroupable) {
		String marker = CounterKeys.batchMarker(group.getFirst().objectId(), FastIds.uuid());
		String stream;
		try {
			stream = this.outbox.streamFor(this.partitions.get(), SlotHash.getSlot(marker));
		}
		catch (RuntimeException ex) {
			group.forEach((batch) -> batch.result().completeExceptionally(ex));
			return;
		}
		int changes = 0;
		for (ObjectBatch batch : group) {
			changes += batch.changes().size();
		}
		this.callSizes.accept(changes);
		RedisCalls
			.withScriptFallback(
					() -> commands.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(StringCodec.UTF8),
							this.script.evalshaArgs(marker, stream, group)),
					() -> retries().thenCompose((retry) -> retry.dispatch(CommandType.EVAL,
							new NestedMultiOutput<>(StringCodec.UTF8), this.script.evalArgs(marker, stream, group))))
			.whenComplete((reply, failure) -> {
				if (failure != null) {
					RuntimeException translated = RedisCalls.translate(failure);
					group.forEach((batch) -> batch.result().completeExceptionally(translated));
				}
				else if (ApplyBatchScript.backlogFull(reply)) {
					OutboxBacklogFullException full = new OutboxBacklogFullException(this.maxBacklog);
					group.forEach((batch) -> batch.result().completeExceptionally(full));
				}
				else if (ApplyBatchScript.notLocal(reply)) {
					notLocal(group, regroupable);
				}
				else {
					ApplyBatchScript.answer(group, reply);
				}
			});
	}

	/** The shared connection, taken off the event loop that calls this. */
	private CompletableFuture<RedisAdvancedClusterAsyncCommands<String, String>> retries() {
		return CompletableFuture.supplyAsync(this.retries, OFF_THE_LOOP);
	}

	private void notLocal(List<ObjectBatch> group, boolean regroupable) {
		if (regroupable && group.size() > 1) {
			retries().whenComplete((retry, failure) -> {
				if (failure != null) {
					RuntimeException translated = RedisCalls.translate(failure);
					group.forEach((batch) -> batch.result().completeExceptionally(translated));
				}
				else {
					group.forEach((batch) -> send(retry, List.of(batch), false));
				}
			});
			return;
		}
		group
			.forEach(
					(batch) -> batch.result()
						.completeExceptionally(new RedisUnavailableException(
								"The Redis slot of " + batch.objectId() + " is moving between nodes; try again.",
								null)));
	}

}
