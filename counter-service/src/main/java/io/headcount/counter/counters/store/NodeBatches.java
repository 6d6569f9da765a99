package io.headcount.counter.counters.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.headcount.counter.counters.CounterKeys;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

/**
 * Groups a round's object batches by the master node that serves each object's slot (as
 * the connection's topology says), so that each node gets one script call per round
 * carrying at most {@code maxChangesPerCall} changes. Batches whose node is unknown go
 * alone; a batch that turned out empty (all its changes timed out while queued) is
 * answered at once and sent nowhere.
 */
final class NodeBatches implements CommandRounds.RoundSender {

	private final ApplyBatchCalls calls;

	private final int maxChangesPerCall;

	NodeBatches(ApplyBatchCalls calls, int maxChangesPerCall) {
		this.calls = calls;
		this.maxChangesPerCall = maxChangesPerCall;
	}

	/**
	 * Called on the rounds thread, with the connection whose commands the round flushes
	 * afterwards.
	 */
	@Override
	public void send(StatefulRedisClusterConnection<String, String> connection, List<ObjectBatch> batches) {
		RedisAdvancedClusterAsyncCommands<String, String> commands = connection.async();
		if (batches.size() == 1) {
			ObjectBatch batch = batches.getFirst();
			if (batch.changes().isEmpty()) {
				batch.result().complete(List.of());
			}
			else {
				this.calls.send(commands, batches, false);
			}
			return;
		}
		Partitions partitions = connection.getPartitions();
		Map<String, List<ObjectBatch>> byNode = new HashMap<>();
		Set<String> objects = new HashSet<>();
		List<ObjectBatch> later = null;
		for (ObjectBatch batch : batches) {
			if (batch.changes().isEmpty()) {
				batch.result().complete(List.of());
				continue;
			}
			if (!objects.add(batch.objectId())) {
				// one call reads all its objects before it writes any: a second batch of
				// the same object goes in a later call (to the same node, on the same
				// connection, so Redis runs it after this one)
				if (later == null) {
					later = new ArrayList<>();
				}
				later.add(batch);
				continue;
			}
			RedisClusterNode node = partitions.getMasterBySlot(SlotHash.getSlot(CounterKeys.counts(batch.objectId())));
			if (node == null || node.getNodeId() == null) {
				this.calls.send(commands, List.of(batch), false);
				continue;
			}
			byNode.computeIfAbsent(node.getNodeId(), (id) -> new ArrayList<>()).add(batch);
		}
		for (List<ObjectBatch> group : byNode.values()) {
			sendCapped(commands, group);
		}
		if (later != null) {
			send(connection, later);
		}
	}

	/**
	 * One node's batches in as few calls as {@code maxChangesPerCall} allows, in their
	 * order.
	 */
	private void sendCapped(RedisAdvancedClusterAsyncCommands<String, String> commands, List<ObjectBatch> group) {
		int from = 0;
		int changes = 0;
		for (int i = 0; i < group.size(); i++) {
			int size = group.get(i).changes().size();
			if (i > from && changes + size > this.maxChangesPerCall) {
				this.calls.send(commands, group.subList(from, i), true);
				from = i;
				changes = 0;
			}
			changes += size;
		}
		this.calls.send(commands, group.subList(from, group.size()), true);
	}

}
