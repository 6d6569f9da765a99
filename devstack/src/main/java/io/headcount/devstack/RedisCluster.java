package io.headcount.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters and three replicas, one {@code redis-server} process
 * per node, each with its own directory (config, AOF, nodes.conf, log) so that a killed
 * node restarts with its data and cluster identity.
 */
final class RedisCluster {

	private static final int MASTERS = 3;

	private static final int NODES = MASTERS * 2;

	private static final int SLOTS = 16384;

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	// Six nodes' logs in one message: fewer lines each.
	private static final int TAIL_LINES_PER_NODE = 15;

	private final Binaries binaries;

	private final Path dir;

	private final StackRegistry registry;

	private final Duration timeout;

	/** Port to node, in creation order. */
	private final Map<Integer, ServerProcess> nodes = new LinkedHashMap<>();

	RedisCluster(Binaries binaries, Path dir, StackRegistry registry, Duration timeout) {
		this.binaries = binaries;
		this.dir = dir;
		this.registry = registry;
		this.timeout = timeout;
	}

	synchronized void start() {
		List<ServerProcess> started = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			started.add(launchOnFreePort());
		}
		for (int i = 0; i < started.size(); i++) {
			ServerProcess node = started.get(i);
			int attempts = 0;
			while (true) {
				try {
					awaitPing(node);
					this.nodes.put(port(node), node);
					break;
				}
				catch (ServerProcess.PortInUseException ex) {
					// Another process took the port between our check and redis-server's
					// bind: take another one.
					if (++attempts == 3) {
						throw ex;
					}
					node = launchOnFreePort();
				}
			}
		}
		create();
		awaitHealthy("a healthy cluster (3 masters, 3 attached replicas, cluster_state:ok everywhere)");
	}

	private ServerProcess launchOnFreePort() {
		ServerProcess node = node(Ports.freeWithClusterBus(this.registry));
		node.start();
		return node;
	}

	private ServerProcess node(int port) {
		Path nodeDir = this.dir.resolve(Integer.toString(port));
		Path log = nodeDir.resolve("redis.log");
		Path config = nodeDir.resolve("redis.conf");
		try {
			Files.createDirectories(nodeDir);
			Files.writeString(config, """
					port %d
					bind 127.0.0.1
					protected-mode no
					daemonize no
					dir "%s"
					logfile "%s"
					save ""
					appendonly yes
					appendfsync everysec
					cluster-enabled yes
					cluster-config-file nodes.conf
					cluster-node-timeout 2000
					# A replica may always take over: a dev stack prefers availability to the freshest data.
					cluster-replica-validity-factor 0
					# The default 5 s delay before a full sync would make every replica (and every rejoin) wait.
					repl-diskless-sync-delay 0
					""".formatted(port, nodeDir, log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + config, ex);
		}
		return new ServerProcess("redis-" + port, List.of(this.binaries.redisServer().toString(), config.toString()),
				nodeDir, List.of(log), this.registry);
	}

	private static int port(ServerProcess node) {
		return Integer.parseInt(node.name().substring("redis-".length()));
	}

	private void awaitPing(ServerProcess node) {
		int port = port(node);
		node.awaitReady("answering PING on 127.0.0.1:" + port, this.timeout,
				() -> "PONG".equals(Resp.send(port, "PING")));
	}

	private void create() {
		List<String> command = new ArrayList<>(List.of(this.binaries.redisCli().toString(), "--cluster", "create"));
		this.nodes.keySet().forEach(port -> command.add("127.0.0.1:" + port));
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		Path log = this.dir.resolve("cluster-create.log");
		try {
			Process create = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
				.start();
			if (!create.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				create.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create did not finish within "
						+ this.timeout.toSeconds() + " s:\n" + Files.readString(log) + nodeLogs());
			}
			if (create.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed (exit " + create.exitValue() + "): "
						+ String.join(" ", command) + "\n" + Files.readString(log) + nodeLogs());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the Redis Cluster", ex);
		}
	}

	/**
	 * Waits until {@link #problem()} finds nothing wrong; on timeout fails with the
	 * problem and the node logs.
	 */
	private void awaitHealthy(String what) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		String problem;
		while ((problem = problem()) != null) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The Redis Cluster did not reach " + what + " within "
						+ this.timeout.toSeconds() + " s: " + problem + "\n" + nodeLogs());
			}
			ServerProcess.sleep(Duration.ofMillis(100));
		}
	}

	private String nodeLogs() {
		return this.nodes.values()
			.stream()
			.map(node -> node.logTail(TAIL_LINES_PER_NODE))
			.collect(Collectors.joining("\n", "\n", ""));
	}

	/**
	 * What keeps the cluster from being healthy, or null: every node runs and says
	 * cluster_state:ok, every node sees three reachable masters covering all slots and
	 * three reachable replicas of them, every replica's link is up.
	 */
	private String problem() {
		for (Map.Entry<Integer, ServerProcess> entry : this.nodes.entrySet()) {
			int port = entry.getKey();
			if (!entry.getValue().isAlive()) {
				return "redis-" + port + " is not running";
			}
			try (Resp resp = Resp.connect(port)) {
				String info = (String) resp.call("CLUSTER", "INFO");
				if (!info.contains("cluster_state:ok")) {
					return "redis-" + port + " says " + line(info, "cluster_state");
				}
				List<ClusterNode> view = ClusterNode.parse((String) resp.call("CLUSTER", "NODES"));
				List<ClusterNode> masters = view.stream().filter(n -> n.isMaster() && !n.slots().isEmpty()).toList();
				List<String> masterIds = masters.stream().map(ClusterNode::id).toList();
				long replicas = view.stream().filter(n -> n.isReplica() && masterIds.contains(n.masterId())).count();
				int slots = masters.stream()
					.flatMap(n -> n.slots().stream())
					.mapToInt(r -> r.to() - r.from() + 1)
					.sum();
				if (view.size() != NODES || view.stream().anyMatch(ClusterNode::isDown) || masters.size() != MASTERS
						|| replicas != NODES - MASTERS || slots != SLOTS) {
					return "redis-" + port + " sees " + describe(view);
				}
				ClusterNode myself = view.stream().filter(n -> n.flags().contains("myself")).findFirst().orElseThrow();
				if (myself.isReplica()) {
					String replication = (String) resp.call("INFO", "replication");
					if (!replication.contains("master_link_status:up")) {
						return "redis-" + port + " (replica) has " + line(replication, "master_link_status");
					}
				}
			}
			catch (IOException ex) {
				return "redis-" + port + " does not answer: " + ex;
			}
		}
		return null;
	}

	private static String line(String info, String key) {
		return info.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElse(key + " missing").trim();
	}

	private static String describe(List<ClusterNode> view) {
		return view.stream()
			.map(n -> n.port() + ":" + String.join(",", n.flags()) + (n.connected() ? "" : ",disconnected")
					+ (n.slots().isEmpty() ? "" : ":" + n.slots().size() + " slot ranges"))
			.collect(Collectors.joining(" ", "[", "]"));
	}

	String nodeAddresses() {
		return this.nodes.keySet().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	List<Integer> ports() {
		return List.copyOf(this.nodes.keySet());
	}

	/**
	 * The masters that currently own slots and are not failing, as seen by the first node
	 * that answers.
	 */
	synchronized List<Integer> masterPorts() {
		return view().stream()
			.filter(n -> n.isMaster() && !n.slots().isEmpty() && !n.isDown())
			.map(ClusterNode::port)
			.sorted()
			.toList();
	}

	private List<ClusterNode> view() {
		IOException last = null;
		for (Map.Entry<Integer, ServerProcess> entry : this.nodes.entrySet()) {
			if (entry.getValue().isAlive()) {
				try {
					return ClusterNode.parse((String) Resp.send(entry.getKey(), "CLUSTER", "NODES"));
				}
				catch (IOException ex) {
					last = ex;
				}
			}
		}
		throw new IllegalStateException("No Redis node answers CLUSTER NODES", last);
	}

	/**
	 * The live node that itself claims the slot as a master; stale views of other nodes
	 * do not count.
	 */
	private Optional<Integer> ownerOf(int slot) {
		for (Map.Entry<Integer, ServerProcess> entry : this.nodes.entrySet()) {
			if (!entry.getValue().isAlive()) {
				continue;
			}
			try {
				Optional<ClusterNode> myself = ClusterNode.parse((String) Resp.send(entry.getKey(), "CLUSTER", "NODES"))
					.stream()
					.filter(n -> n.flags().contains("myself"))
					.findFirst();
				if (myself.isPresent() && myself.get().isMaster() && myself.get().owns(slot)) {
					return Optional.of(entry.getKey());
				}
			}
			catch (IOException ex) {
				// A node that does not answer cannot be the master we are asked to kill.
			}
		}
		return Optional.empty();
	}

	synchronized int killMaster(int slot) {
		if (slot < 0 || slot >= SLOTS) {
			throw new IllegalArgumentException("A slot is between 0 and " + (SLOTS - 1) + ", not " + slot);
		}
		int port = ownerOf(slot).orElseThrow(() -> new IllegalStateException("No running master owns slot " + slot
				+ " (its master is down and no replica took over yet): " + describe(view())));
		this.nodes.get(port).kill();
		return port;
	}

	/**
	 * Starts the node again on its port and directory; it rejoins (as a replica if it
	 * lost its slots meanwhile).
	 */
	synchronized void restartNode(int port) {
		ServerProcess node = this.nodes.get(port);
		if (node == null) {
			throw new IllegalArgumentException("No devstack Redis node on port " + port + "; nodes: " + ports());
		}
		if (node.isAlive()) {
			node.kill();
		}
		node.start();
		awaitPing(node);
		awaitHealthy("a healthy cluster again after restarting redis-" + port);
	}

	List<ProcessHandle> processes() {
		return this.nodes.values().stream().flatMap(node -> node.handle().stream()).toList();
	}

	synchronized void stop() {
		this.nodes.values().forEach(ServerProcess::signalStop);
		this.nodes.values().forEach(node -> node.stop(STOP_GRACE));
	}

}
