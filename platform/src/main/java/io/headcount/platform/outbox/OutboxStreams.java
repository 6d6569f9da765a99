package io.headcount.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import io.headcount.platform.redis.RedisUnavailableException;

import org.springframework.util.Assert;

/**
 * The outbox streams of one service, which its relays move to Kafka: a service declares
 * them as a bean, and its Lua scripts write to them.
 * <p>
 * {@link #slotGroups} makes one stream per group of {@code 16384 / count} hash slots, its
 * hash tag chosen so that the stream's slot lies in its group. A script that changes keys
 * of many slots on one node (counter-service's one call per node) writes its events to
 * one stream of that node, {@link #streamFor}: so the number of streams a relay polls
 * stays small and fixed (16 by default) whatever the number of objects.
 *
 * @param name the outbox's name, a bounded metric tag ({@code counter}, {@code presence})
 * and part of the relays' Redis keys
 * @param keys the stream keys, each with a hash tag that puts it on the node where the
 * scripts that write it run
 */
public record OutboxStreams(String name, List<String> keys) {

	public OutboxStreams {
		Assert.hasText(name, "name must not be empty");
		Assert.notEmpty(keys, "an outbox needs at least one stream");
		keys = List.copyOf(keys);
	}

	/**
	 * One stream per group of {@code 16384 / count} slots, named
	 * {@code headcount:outbox:<name>:{<tag>}}; {@code count} must divide 16384.
	 */
	public static OutboxStreams slotGroups(String name, int count) {
		Assert.isTrue(count > 0 && SlotHash.SLOT_COUNT % count == 0, "count must divide 16384");
		int width = SlotHash.SLOT_COUNT / count;
		List<String> keys = new ArrayList<>(count);
		for (int group = 0; group < count; group++) {
			for (int n = 0;; n++) {
				String tag = "ob" + group + "." + n;
				if (SlotHash.getSlot(tag) / width == group) {
					keys.add("headcount:outbox:" + name + ":{" + tag + "}");
					break;
				}
			}
		}
		return new OutboxStreams(name, keys);
	}

	/**
	 * The stream for a script call that runs on the master of {@code slot}: the stream of
	 * the slot's own group when that group's stream is on the same master, else another
	 * stream of that master.
	 * @throws RedisUnavailableException when no stream is on that master (a master that
	 * owns only a few scattered slots), or the topology is not known
	 */
	public String streamFor(Partitions partitions, int slot) {
		RedisClusterNode master = partitions.getMasterBySlot(slot);
		if (master == null) {
			throw new RedisUnavailableException("No Redis master known for slot " + slot, null);
		}
		String own = this.keys.get(slot / (SlotHash.SLOT_COUNT / this.keys.size()));
		if (sameNode(master, partitions.getMasterBySlot(SlotHash.getSlot(own)))) {
			return own;
		}
		List<String> candidates = this.keys.stream()
			.filter((key) -> sameNode(master, partitions.getMasterBySlot(SlotHash.getSlot(key))))
			.toList();
		if (candidates.isEmpty()) {
			throw new RedisUnavailableException("No outbox stream of " + this.name + " on the master of slot " + slot,
					null);
		}
		return candidates.get(slot % candidates.size());
	}

	private static boolean sameNode(RedisClusterNode a, RedisClusterNode b) {
		return b != null && Objects.equals(a.getNodeId(), b.getNodeId());
	}

	/** The lease key of a stream: same hash tag, so one script takes it and reads. */
	public static String leaseKey(String stream) {
		return stream + ":lease";
	}

	/** The sorted set in which this outbox's relays announce themselves. */
	String relaysKey() {
		return "headcount:outbox:{relays-" + this.name + "}";
	}

}
