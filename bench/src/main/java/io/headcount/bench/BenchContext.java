package io.headcount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.headcount.bench.load.FixedRateLoad;
import io.headcount.bench.load.FixedRateResult;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.RedisBenchmarkResult;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;
import io.headcount.devstack.DevStack;
import io.headcount.devstack.DevStackOptions;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Scenario} runs with: the devstack, processes started on 127.0.0.1 and tracked so the
 * runner can stop them, the load tools, and the reference figures measured earlier in the same run.
 */
public final class BenchContext implements AutoCloseable {

	/**
	 * The JVM flags {@code ./headcount run} starts the services with; the trivial reference app and
	 * every service started here use them too, so a ratio compares code, not JVM settings.
	 */
	public static final List<String> SERVICE_JVM_FLAGS = List.of("-Xss512k", "-XX:+UseZGC",
			"-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=512");

	private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(2);

	private final boolean quick;

	private final Path repoRoot;

	private final Path workDir;

	private final String jwtSecret = randomSecret();

	private final Map<String, Result> references = new ConcurrentHashMap<>();

	private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();

	private final AtomicInteger logSequence = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private @Nullable DevStack devStack;

	BenchContext(boolean quick, Path repoRoot, Path workDir) {
		this.quick = quick;
		this.repoRoot = repoRoot;
		this.workDir = workDir;
	}

	/** The Redis Cluster, Kafka and InfluxDB, started on first use (about 10 s) and stopped at the end of the run. */
	public synchronized DevStack devStack() {
		if (this.closed.get()) {
			throw new IllegalStateException("the run is over");
		}
		if (this.devStack == null) {
			long start = System.nanoTime();
			// A stack of its own rather than DevStack.shared(), whose close() is left to a shutdown hook:
			// the run stops it when it is over.
			this.devStack = DevStack.start(DevStackOptions.defaults());
			BenchMain.say("devstack up in %.1f s (Redis Cluster %s)", (System.nanoTime() - start) / 1e9,
					this.devStack.redisClusterNodes());
		}
		return this.devStack;
	}

	/** {@code --quick}: shorter runs, for trying a scenario out; figures are less stable. */
	public boolean quick() {
		return this.quick;
	}

	/** {@code full} normally, {@code quick} under {@code --quick}. */
	public <T> T pick(T full, T quick) {
		return this.quick ? quick : full;
	}

	public Path repoRoot() {
		return this.repoRoot;
	}

	/** Where process logs and scratch files go ({@code bench/target/bench-run}); emptied at the start of a run. */
	public Path workDir() {
		return this.workDir;
	}

	/** The HS256 secret every service started here gets as {@code HEADCOUNT_JWT_SECRET}; mint test tokens with it. */
	public String jwtSecret() {
		return this.jwtSecret;
	}

	/**
	 * A reference figure measured earlier in this run, e.g. {@code reference(References.HTTP_PING_THROUGHPUT)}.
	 * @throws IllegalStateException if that reference failed or was not selected
	 */
	public double reference(String name) {
		Result result = this.references.get(name);
		if (result == null) {
			throw new IllegalStateException("reference " + name + " was not measured in this run; measured: "
					+ this.references.keySet());
		}
		return result.value();
	}

	Map<String, Result> references() {
		return Map.copyOf(this.references);
	}

	void addReferences(List<Result> results) {
		results.forEach((result) -> this.references.put(result.scenario(), result));
	}

	/** A port nobody listens on right now, on 127.0.0.1. */
	public int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code http://127.0.0.1:<port><path>}. */
	public URI localUri(int port, String path) {
		return URI.create("http://" + Loopback.HOST + ":" + port + path);
	}

	/**
	 * The environment a service needs to reach the devstack: {@link DevStack#springProperties()} as
	 * environment variables ({@code spring.data.redis.cluster.nodes} becomes
	 * {@code SPRING_DATA_REDIS_CLUSTER_NODES}) plus {@code HEADCOUNT_JWT_SECRET}.
	 */
	public Map<String, String> serviceEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		devStack().springProperties().forEach((key, value) -> environment.put(environmentName(key), value));
		environment.put("HEADCOUNT_JWT_SECRET", this.jwtSecret);
		return environment;
	}

	static String environmentName(String property) {
		return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	/** {@link #startService(String, int, List, Map)} with {@link #SERVICE_JVM_FLAGS}. */
	public ManagedProcess startService(String module, int port, Map<String, String> environment)
			throws InterruptedException {
		return startService(module, port, SERVICE_JVM_FLAGS, environment);
	}

	/**
	 * Starts {@code <module>/target/<module>-<version>.jar} as its own JVM on 127.0.0.1:{@code port} with
	 * {@link #serviceEnvironment()} plus {@code environment}, and waits (2 min at most) until
	 * {@code /actuator/health/readiness} answers 200. The scenario must list the module in
	 * {@link Scenario#modules()} so that {@code bench/run} builds the jar.
	 */
	public ManagedProcess startService(String module, int port, List<String> jvmFlags, Map<String, String> environment)
			throws InterruptedException {
		Map<String, String> env = serviceEnvironment();
		env.put("PORT", Integer.toString(port));
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("SERVER_ADDRESS", Loopback.HOST);
		env.putAll(environment);
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(jvmFlags);
		command.add("-jar");
		command.add(serviceJar(module).toString());
		ManagedProcess service = start(module + "-" + port, command, env);
		service.awaitHttpOk(localUri(port, "/actuator/health/readiness"), READINESS_TIMEOUT);
		return service;
	}

	Path serviceJar(String module) {
		Path target = this.repoRoot.resolve(module).resolve("target");
		List<Path> jars;
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			jars = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar")
						&& !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar");
			}).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (jars.size() != 1) {
			throw new IllegalStateException("expected one " + module + "-<version>.jar in " + target + ", found " + jars
					+ ": list '" + module + "' in the scenario's modules() so bench/run builds it, or run ./mvnw -pl "
					+ module + " -am package -DskipTests");
		}
		return jars.getFirst();
	}

	/**
	 * Starts {@code mainClass} from the bench module's own classpath as a separate JVM (the trivial app,
	 * load clients that must spread open files over several processes). Not awaited: use
	 * {@link ManagedProcess#awaitHttpOk} or the process's own signal.
	 */
	public ManagedProcess startJava(String name, String mainClass, List<String> jvmFlags, List<String> arguments,
			Map<String, String> environment) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(jvmFlags);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(arguments);
		return start(name, command, environment);
	}

	/** Starts any command in the repository root with its output in a log under {@link #workDir()}. */
	public ManagedProcess start(String name, List<String> command, Map<String, String> environment) {
		requireOpen();
		Path log = nextLog(name);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.repoRoot.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			ManagedProcess process = new ManagedProcess(name, builder.start(), log);
			this.processes.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + name + " (" + command.getFirst() + "): " + ex.getMessage(), ex);
		}
	}

	/** Stops one process now (graceful, then forced); the runner would do it after the scenario anyway. */
	public void stop(ManagedProcess process) {
		process.stop();
		this.processes.remove(process);
	}

	/**
	 * Runs a command to completion, its output kept in a log under {@link #workDir()}. A command still
	 * running after {@code timeout} (redis-benchmark spins forever when it cannot connect) or when the
	 * scenario is interrupted is killed.
	 */
	public CommandOutput run(String name, List<String> command, Duration timeout) throws InterruptedException {
		ManagedProcess process = start(name, command, Map.of());
		try {
			if (!process.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(name + " did not finish within " + timeout + ": " + command);
			}
			return new CommandOutput(process.process().exitValue(),
					Files.readString(process.log(), StandardCharsets.UTF_8), process.log());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (process.isAlive()) {
				process.process().destroyForcibly();
			}
			this.processes.remove(process);
		}
	}

	/** Runs {@code wrk --latency} and parses its report; fails when wrk fails. */
	public WrkResult wrk(WrkLoad load) throws InterruptedException {
		return WrkResult.parse(run("wrk", load.command(), load.processTimeout()).requireSuccess(load.summary()).output());
	}

	/**
	 * Runs {@code redis-benchmark -h 127.0.0.1 -p <port> --csv <arguments>} (add {@code --cluster} to spread
	 * the clients over all masters) and returns one result per test.
	 */
	public List<RedisBenchmarkResult> redisBenchmark(int port, List<String> arguments, Duration timeout)
			throws InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("redis-benchmark", "-h", Loopback.HOST, "-p", Integer.toString(port), "--csv"));
		command.addAll(arguments);
		return RedisBenchmarkResult.parseCsv(run("redis-benchmark", command, timeout)
			.requireSuccess(String.join(" ", command)).output());
	}

	/** GETs {@code target} at a fixed rate from this JVM; latency from each request's due time (see {@link FixedRateLoad}). */
	public FixedRateResult fixedRate(URI target, int requestsPerSecond, Duration duration) throws InterruptedException {
		return FixedRateLoad.run(target, requestsPerSecond, duration);
	}

	/** Stops every process still running; the runner calls it after each scenario. */
	void stopProcesses() {
		for (ManagedProcess process : List.copyOf(this.processes)) {
			if (process.isAlive()) {
				BenchMain.say("stopping %s", process);
			}
			process.stop();
			this.processes.remove(process);
		}
	}

	private Path nextLog(String name) {
		try {
			Files.createDirectories(this.workDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.workDir.resolve("%02d-%s.log".formatted(this.logSequence.incrementAndGet(),
				name.replaceAll("[^A-Za-z0-9._-]", "_")));
	}

	private void requireOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("the run is over");
		}
	}

	private static String randomSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return HexFormat.of().formatHex(secret);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Stops the processes, then the devstack. Safe to call twice (normal end and the shutdown hook). */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		stopProcesses();
		synchronized (this) {
			if (this.devStack != null) {
				BenchMain.say("stopping devstack");
				try {
					this.devStack.close();
				}
				catch (Exception ex) {
					BenchMain.say("stopping devstack failed: %s", ex);
				}
			}
		}
	}

}
