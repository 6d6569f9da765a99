package io.headcount.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free loopback ports at run time: a system Redis or InfluxDB may hold the usual
 * ones, and other stacks (other test JVMs, other worktrees) run side by side.
 */
final class Ports {

	// Below the kernel's ephemeral range (32768 and up here), so that no outgoing
	// connection takes a port between our check and the server's bind, or while Kafka
	// restarts; a Redis port's cluster bus (port + 10000) stays below too.
	static final int LOWEST = 10000;

	static final int HIGHEST = 22767;

	private static final int CLUSTER_BUS_OFFSET = 10000;

	// Handed out by this JVM: other stacks of this JVM are not in the registry files yet
	// when allocation races.
	private static final Set<Integer> handedOut = new HashSet<>();

	private Ports() {
	}

	/**
	 * A free port whose cluster bus port (port + 10000) is free too, as Redis Cluster
	 * needs.
	 */
	static int freeWithClusterBus(StackRegistry registry) {
		return allocate(registry, true);
	}

	static int free(StackRegistry registry) {
		return allocate(registry, false);
	}

	private static synchronized int allocate(StackRegistry registry, boolean clusterBus) {
		Set<Integer> taken = StackRegistry.reservedPorts(registry.dir().getParent());
		taken.addAll(handedOut);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 500; attempt++) {
			int port = random.nextInt(LOWEST, (clusterBus ? HIGHEST - CLUSTER_BUS_OFFSET : HIGHEST) + 1);
			int bus = port + CLUSTER_BUS_OFFSET;
			if (taken.contains(port) || taken.contains(bus) || !isFree(port) || (clusterBus && !isFree(bus))) {
				continue;
			}
			Set<Integer> reserved = clusterBus ? Set.of(port, bus) : Set.of(port);
			handedOut.addAll(reserved);
			registry.reservePorts(reserved);
			return port;
		}
		throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST + " on 127.0.0.1");
	}

	/**
	 * True if nothing listens on 127.0.0.1:port (nor on the wildcard address, which would
	 * clash too).
	 */
	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
