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
 * stays small and fixed whatever the number of objects, and a master that takes slots in
 * a resharding still finds a stream among its slots.
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
	 * The stream for a script call that runs on the master of {@code slot}: the first
	 * stream (in {@link #keys} order) that master serves. Every call on one master writes
	 * to the same stream, so the events of one entity stay in order while its slot stays
	 * on that master (a call's objects come from many slots, so a stream chosen per slot
	 * would let two calls put one object's events in two streams). After a slot moves,
	 * the entity's next events go to its new master's stream, and may overtake the last
	 * unrelayed ones of the old (docs/events.md).
	 * @throws RedisUnavailableException when no stream is on that master (a master that
	 * owns only a few scattered slots), or the topology is not known
	 */
	public String streamFor(Partitions partitions, int slot) {
		RedisClusterNode master = partitions.getMasterBySlot(slot);
		if (master == null) {
			throw new RedisUnavailableException("No Redis master known for slot " + slot, null);
		}
		for (String key : this.keys) {
			if (sameNode(master, partitions.getMasterBySlot(SlotHash.getSlot(key)))) {
				return key;
			}
		}
		throw new RedisUnavailableException("No outbox stream of " + this.name + " on the master of slot " + slot,
				null);
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
