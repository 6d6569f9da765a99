package io.headcount.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real infrastructure on 127.0.0.1, started from Java without Docker: a Redis Cluster
 * (3 masters, 3 replicas, AOF on), a Kafka broker in KRaft mode in its own JVM, and
 * InfluxDB 1.x, all on free ports chosen at run time. Everything it starts is stopped by
 * {@link #close()} or, at the latest, by a shutdown hook; servers left behind by a JVM
 * killed with -9 are killed by a watchdog process within a second, or by the next stack's
 * start.
 * <p>
 * Tests use {@link #shared()} (or {@link WithDevStack} for Spring tests); the run command
 * uses {@link DevStackMain}.
 */
public final class DevStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DevStack.class);

	private static final Object sharedLock = new Object();

	private static DevStack shared;

	private static RuntimeException sharedFailure;

	private final Path workDir;

	private final StackRegistry registry;

	private final RedisCluster redis;

	private final KafkaBroker kafka;

	private final InfluxServer influx;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread shutdownHook;

	/**
	 * Longest the shutdown hook waits for the stack's users (Spring contexts) to close
	 * first.
	 */
	private static final Duration usersGrace = Duration.ofSeconds(15);

	/**
	 * Whether each user (a Spring test context) still uses the stack: see
	 * {@link #addUser}.
	 */
	private final Set<BooleanSupplier> users = ConcurrentHashMap.newKeySet();

	private DevStack(DevStackOptions options, Binaries binaries, StackRegistry registry, Path workDir) {
		this.workDir = workDir;
		this.registry = registry;
		this.redis = new RedisCluster(binaries, workDir.resolve("redis"), registry, options.readyTimeout());
		this.kafka = new KafkaBroker(workDir.resolve("kafka"), registry, options.readyTimeout(), options.kafkaPort(),
				options.quickBroker());
		this.influx = new InfluxServer(binaries, workDir.resolve("influx"), registry, options.readyTimeout(),
				options.influxPort());
		this.shutdownHook = Thread.ofPlatform().name("devstack-shutdown").unstarted(() -> {
			awaitUsers();
			stop();
		});
	}

	/**
	 * The stack every test in this JVM shares: started on first use, stopped by a
	 * shutdown hook when the JVM exits (also after failed tests). If it cannot start,
	 * every call fails with the same cause instead of trying again.
	 */
	public static DevStack shared() {
		synchronized (sharedLock) {
			if (shared == null && sharedFailure == null) {
				try {
					shared = start(DevStackOptions.defaults());
				}
				catch (RuntimeException ex) {
					sharedFailure = ex;
				}
			}
			if (sharedFailure != null) {
				throw new IllegalStateException("The shared devstack could not start: " + sharedFailure.getMessage(),
						sharedFailure);
			}
			return shared;
		}
	}

	/**
	 * Starts a stack of its own; the caller closes it (a shutdown hook does if the caller
	 * does not).
	 */
	public static DevStack start(DevStackOptions options) {
		Binaries binaries = Binaries.find();
		StackRegistry registry = StackRegistry.create(StackRegistry.root());
		Path workDir;
		try {
			workDir = (options.workDir() != null) ? prepare(options.workDir()) : registry.dir();
		}
		catch (RuntimeException ex) {
			registry.close();
			throw ex;
		}
		DevStack stack = new DevStack(options, binaries, registry, workDir);
		Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
		try {
			stack.startServers();
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
		return stack;
	}

	private static Path prepare(Path workDir) {
		Path dir = workDir.toAbsolutePath().normalize();
		for (String stale : List.of("redis", "kafka", "influx", "stack.env")) {
			StackRegistry.deleteRecursively(dir.resolve(stale));
		}
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the devstack work directory " + dir, ex);
		}
		return dir;
	}

	/**
	 * Redis first on this thread while Kafka and InfluxDB start beside it: the stack is
	 * ready when the slowest is.
	 */
	private void startServers() {
		long started = System.nanoTime();
		Map<String, Duration> took = new LinkedHashMap<>();
		RuntimeException failure = null;
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Duration> kafkaStarted = executor.submit(() -> timed(this.kafka::start));
			Future<Duration> influxStarted = executor.submit(() -> timed(this.influx::start));
			try {
				took.put("redis", timed(this.redis::start));
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			for (Map.Entry<String, Future<Duration>> server : List.of(Map.entry("kafka", kafkaStarted),
					Map.entry("influx", influxStarted))) {
				try {
					took.put(server.getKey(), server.getValue().get());
				}
				catch (ExecutionException ex) {
					RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while starting the devstack", ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
		writeEnvFile();
		logger.info("DevStack ready in {} ({}): Redis Cluster {}, Kafka {}, InfluxDB {}, work directory {}",
				seconds(Duration.ofNanos(System.nanoTime() - started)),
				took.entrySet()
					.stream()
					.map(e -> e.getKey() + " " + seconds(e.getValue()))
					.collect(Collectors.joining(", ")),
				redisClusterNodes(), kafkaBootstrapServers(), influxUrl(), this.workDir);
	}

	private static Duration timed(Runnable action) {
		long started = System.nanoTime();
		action.run();
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * Written last and atomically: a script that waits for the file to appear sees a
	 * ready stack.
	 */
	private void writeEnvFile() {
		StringBuilder env = new StringBuilder();
		envVariables().forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
		Path file = this.workDir.resolve("stack.env");
		Path temporary = this.workDir.resolve("stack.env.tmp");
		try {
			Files.writeString(temporary, env);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/**
	 * {@link #springProperties()} as environment variables, the names Boot's relaxed
	 * binding maps back.
	 */
	Map<String, String> envVariables() {
		Map<String, String> env = new LinkedHashMap<>();
		springProperties()
			.forEach((key, value) -> env.put(key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), value));
		return env;
	}

	public String redisClusterNodes() {
		return this.redis.nodeAddresses();
	}

	/**
	 * The masters that own slots right now, as the cluster itself reports them (they
	 * change after a failover).
	 */
	public List<Integer> redisMasterPorts() {
		checkOpen();
		return this.redis.masterPorts();
	}

	/**
	 * Kills the master that owns {@code slot} with SIGKILL, as a crash would, and returns
	 * its port. Its replica takes over after the cluster node timeout (2 s) plus an
	 * election; {@link #restartRedisNode(int)} brings it back.
	 */
	public int killRedisMaster(int slot) {
		checkOpen();
		return this.redis.killMaster(slot);
	}

	/**
	 * Starts a node again on the same port and directory (AOF and nodes.conf kept) and
	 * waits until the cluster is healthy again; a node whose slots were taken over
	 * meanwhile rejoins as a replica. A running node is killed first.
	 */
	public void restartRedisNode(int port) {
		checkOpen();
		this.redis.restartNode(port);
	}

	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	/**
	 * Stops the broker cleanly (SIGTERM); its ports and log directory are kept for
	 * {@link #startKafka()}.
	 */
	public void stopKafka() {
		checkOpen();
		this.kafka.stop();
	}

	/**
	 * Starts the broker again on the same ports and log directory and waits until it
	 * answers; no-op if running.
	 */
	public void startKafka() {
		checkOpen();
		this.kafka.start();
	}

	public String influxUrl() {
		return this.influx.url();
	}

	public String influxDatabase() {
		return InfluxServer.DATABASE;
	}

	/**
	 * Runs an InfluxQL query ({@code GET /query}) on {@link #influxDatabase()}; returns
	 * InfluxDB's JSON as is.
	 */
	public String influxQuery(String influxQl) {
		checkOpen();
		return this.influx.query(influxQl);
	}

	/**
	 * The properties that point a Spring Boot service at this stack; {@link WithDevStack}
	 * adds them to tests.
	 */
	public Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.cluster.nodes", redisClusterNodes());
		properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
		properties.put("management.influx.metrics.export.uri", influxUrl());
		properties.put("management.influx.metrics.export.db", influxDatabase());
		properties.put("management.influx.metrics.export.enabled", "true");
		return Collections.unmodifiableMap(properties);
	}

	/**
	 * Where the servers keep config, data and logs, and where {@code stack.env} is
	 * written.
	 */
	public Path workDir() {
		return this.workDir;
	}

	/**
	 * Every process this stack runs right now (servers and watchdog), for tests that
	 * prove nothing is left.
	 */
	List<ProcessHandle> processes() {
		List<ProcessHandle> processes = new ArrayList<>(this.redis.processes());
		this.kafka.processHandle().ifPresent(processes::add);
		this.influx.processHandle().ifPresent(processes::add);
		this.registry.watchdog().ifPresent(processes::add);
		return processes;
	}

	Path registryDir() {
		return this.registry.dir();
	}

	/**
	 * Stops every server and deletes a temporary work directory. The {@link #shared()}
	 * stack ignores this: other test classes of the JVM still use it, and its shutdown
	 * hook stops it.
	 */
	@Override
	public void close() {
		if (this == shared) {
			return;
		}
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down; the hook finds the stack stopped.
		}
	}

	/**
	 * Registers a user of this stack, such as a Spring context. The JVM runs shutdown
	 * hooks concurrently, so without this the servers could vanish while a context is
	 * still closing, and its Kafka and Redis clients would spend the rest of the shutdown
	 * retrying against dead ports. The shutdown hook waits, at most {@link #usersGrace},
	 * until no user reports being in use; an explicit {@link #close()} does not wait.
	 */
	void addUser(BooleanSupplier inUse) {
		this.users.add(inUse);
	}

	private void awaitUsers() {
		long deadline = System.nanoTime() + usersGrace.toNanos();
		while (this.users.stream().anyMatch(BooleanSupplier::getAsBoolean) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void stop() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		long started = System.nanoTime();
		// SIGTERM to everything first, so that the servers shut down in parallel.
		this.kafka.signalStop();
		this.influx.signalStop();
		try {
			this.redis.stop();
			this.kafka.stop();
			this.influx.stop();
		}
		finally {
			this.registry.close();
		}
		logger.info("DevStack stopped in {}", seconds(Duration.ofNanos(System.nanoTime() - started)));
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("This devstack is closed");
		}
	}

	@Override
	public String toString() {
		return "DevStack[redis=" + redisClusterNodes() + ", kafka=" + kafkaBootstrapServers() + ", influx="
				+ influxUrl() + ", workDir=" + this.workDir + "]";
	}

}
