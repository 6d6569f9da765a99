package io.headcount.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: what one node believes about another. Only what
 * devstack needs to tell masters from replicas, who owns a slot and whether a node is
 * reachable.
 */
record ClusterNode(String id, int port, Set<String> flags, String masterId, boolean connected, List<SlotRange> slots) {

	record SlotRange(int from, int to) {

		boolean contains(int slot) {
			return slot >= this.from && slot <= this.to;
		}

	}

	boolean isMaster() {
		return this.flags.contains("master");
	}

	boolean isReplica() {
		return this.flags.contains("slave");
	}

	/**
	 * Flagged as failing ({@code fail}) or suspected ({@code fail?}), or not connected.
	 */
	boolean isDown() {
		return this.flags.contains("fail") || this.flags.contains("fail?") || !this.connected;
	}

	boolean owns(int slot) {
		return this.slots.stream().anyMatch(range -> range.contains(slot));
	}

	/**
	 * Parses the whole reply. Line format:
	 * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent>
	 * <pong-recv> <config-epoch> <link-state> <slot>...}; slots in migration
	 * ({@code [..]}) are ignored.
	 */
	static List<ClusterNode> parse(String clusterNodes) {
		List<ClusterNode> nodes = new ArrayList<>();
		for (String line : clusterNodes.split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 8) {
				continue;
			}
			String address = fields[1];
			int port = Integer
				.parseInt(address.substring(address.lastIndexOf(':', address.indexOf('@')) + 1, address.indexOf('@')));
			List<SlotRange> slots = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				String slot = fields[i];
				if (slot.startsWith("[")) {
					continue;
				}
				int dash = slot.indexOf('-');
				slots.add((dash < 0) ? new SlotRange(Integer.parseInt(slot), Integer.parseInt(slot)) : new SlotRange(
						Integer.parseInt(slot.substring(0, dash)), Integer.parseInt(slot.substring(dash + 1))));
			}
			nodes.add(new ClusterNode(fields[0], port, Set.of(fields[2].split(",")), fields[3],
					fields[7].equals("connected"), List.copyOf(slots)));
		}
		return nodes;
	}

}
