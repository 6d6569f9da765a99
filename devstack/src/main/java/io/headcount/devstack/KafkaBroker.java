package io.headcount.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A single Kafka broker in KRaft mode (combined broker and controller) running in its own
 * JVM, from the Maven Central jars listed in the {@code kafka.classpath} resource. Stops
 * and starts again on the same ports and log directory, so that clients configured once
 * see an outage, not a new cluster.
 */
final class KafkaBroker {

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final Path dir;

	private final StackRegistry registry;

	private final Duration timeout;

	private final int fixedPort;

	private final boolean quick;

	private int port;

	private int controllerPort;

	private ServerProcess process;

	/**
	 * @param fixedPort the client port to use, or 0 for a free one
	 * @param quick C1 only ({@link DevStackOptions#quickBroker()})
	 */
	KafkaBroker(Path dir, StackRegistry registry, Duration timeout, int fixedPort, boolean quick) {
		this.dir = dir;
		this.registry = registry;
		this.timeout = timeout;
		this.fixedPort = fixedPort;
		this.quick = quick;
	}

	/**
	 * Starts the broker; the first start picks the ports and formats the storage, later
	 * ones reuse both.
	 */
	synchronized void start() {
		if (this.process != null) {
			if (!this.process.isAlive()) {
				this.process.start();
				awaitReady();
			}
			return;
		}
		for (int attempt = 1;; attempt++) {
			this.port = (this.fixedPort != 0) ? checkedFixedPort(this.fixedPort) : Ports.free(this.registry);
			this.controllerPort = Ports.free(this.registry);
			this.process = configure();
			this.process.start();
			try {
				awaitReady();
				return;
			}
			catch (ServerProcess.PortInUseException ex) {
				// Another process took a port between our check and the broker's bind:
				// start over on other ports.
				if (attempt == 3 || this.fixedPort != 0) {
					throw ex;
				}
				StackRegistry.deleteRecursively(this.dir);
			}
		}
	}

	private static int checkedFixedPort(int port) {
		if (!Ports.isFree(port)) {
			throw new IllegalStateException("Kafka port " + port + " on 127.0.0.1 is in use; choose another or 0");
		}
		return port;
	}

	private ServerProcess configure() {
		Path data = this.dir.resolve("data");
		Path config = this.dir.resolve("server.properties");
		Path log4j = this.dir.resolve("log4j2.properties");
		Path jvmArgs = this.dir.resolve("jvm.args");
		try {
			Files.createDirectories(data);
			Files.writeString(config, """
					process.roles=broker,controller
					node.id=1
					controller.quorum.bootstrap.servers=127.0.0.1:%2$d
					listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
					advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
					listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
					controller.listener.names=CONTROLLER
					inter.broker.listener.name=PLAINTEXT
					log.dirs=%3$s
					# One broker: every internal topic has one replica.
					offsets.topic.replication.factor=1
					transaction.state.log.replication.factor=1
					transaction.state.log.min.isr=1
					share.coordinator.state.topic.replication.factor=1
					share.coordinator.state.topic.min.isr=1
					default.replication.factor=1
					min.insync.replicas=1
					# Fewer internal partitions: a group's first join is faster, and nothing here needs 50.
					offsets.topic.num.partitions=5
					transaction.state.log.num.partitions=5
					# Tests start consumers one at a time: no 3 s wait for more members to join.
					group.initial.rebalance.delay.ms=0
					auto.create.topics.enable=true
					num.partitions=1
					# A small machine shared with the services.
					num.network.threads=2
					num.io.threads=4
					num.recovery.threads.per.data.dir=1
					""".formatted(this.port, this.controllerPort, data));
			Files.writeString(log4j, """
					status = warn
					appender.server.type = RollingFile
					appender.server.name = server
					appender.server.fileName = %1$s/server.log
					appender.server.filePattern = %1$s/server.log.%%i
					appender.server.layout.type = PatternLayout
					appender.server.layout.pattern = [%%d] %%p %%m (%%c)%%n
					appender.server.policies.type = Policies
					appender.server.policies.size.type = SizeBasedTriggeringPolicy
					appender.server.policies.size.size = 50MB
					appender.server.strategy.type = DefaultRolloverStrategy
					appender.server.strategy.max = 2
					rootLogger.level = INFO
					rootLogger.appenderRef.server.ref = server
					logger.request.name = kafka.request.logger
					logger.request.level = WARN
					logger.state.name = state.change.logger
					logger.state.level = WARN
					""".formatted(this.dir));
			// An argument file keeps the long classpath out of `ps`; quoted in case a
			// path has spaces.
			Files.writeString(jvmArgs, "-cp \"" + String.join(":", classpath()) + "\"\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka configuration in " + this.dir, ex);
		}
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = List.of(java.toString(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
				this.quick ? "-XX:TieredStopAtLevel=1" : "-XX:TieredStopAtLevel=4", "-XX:+ExitOnOutOfMemoryError",
				"-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j, "--enable-native-access=ALL-UNNAMED",
				"--sun-misc-unsafe-memory-access=allow", "@" + jvmArgs, KafkaBrokerMain.class.getName(),
				Long.toString(ProcessHandle.current().pid()), config.toString(), data.toString());
		return new ServerProcess("kafka", command, this.dir, List.of(this.dir.resolve("server.log")), this.registry,
				KafkaBroker::withoutJvmOptions);
	}

	/**
	 * A debugger agent or heap setting meant for the test JVM must not be applied to (and
	 * clash in) the broker.
	 */
	private static void withoutJvmOptions(Map<String, String> environment) {
		environment.remove("JAVA_TOOL_OPTIONS");
		environment.remove("JDK_JAVA_OPTIONS");
		environment.remove("_JAVA_OPTIONS");
	}

	/**
	 * This module's classes or jar (for {@link KafkaBrokerMain}), then the broker's jars
	 * from the build: the provided-scope Kafka server closure and the client jars this
	 * module already depends on.
	 */
	static List<String> classpath() {
		Set<String> entries = new LinkedHashSet<>();
		try {
			entries
				.add(Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the devstack classes", ex);
		}
		for (String resource : List.of("kafka.classpath", "kafka-clients.classpath")) {
			try (InputStream in = KafkaBroker.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Resource io/headcount/devstack/" + resource + " is missing: "
							+ "build devstack with Maven (it writes the Kafka broker's classpath at generate-resources)");
				}
				for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":")) {
					if (!entry.isBlank()) {
						entries.add(entry.trim());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		List<String> missing = entries.stream().filter(entry -> !Files.exists(Path.of(entry))).toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The Kafka broker's jars are missing (rebuild devstack with Maven so that "
					+ "they are downloaded): " + missing);
		}
		return new ArrayList<>(entries);
	}

	private void awaitReady() {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "devstack-readiness", AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG,
				50, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				2000);
		try (Admin admin = Admin.create(config)) {
			this.process.awaitReady("answering describeCluster on " + bootstrapServers(), this.timeout,
					() -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
						.nodes()
						.get(3, TimeUnit.SECONDS)
						.isEmpty());
		}
	}

	synchronized void stop() {
		if (this.process != null) {
			this.process.stop(STOP_GRACE);
		}
	}

	/**
	 * Sends SIGTERM without waiting, so that the whole stack can shut down in parallel.
	 */
	void signalStop() {
		if (this.process != null) {
			this.process.signalStop();
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	Optional<ProcessHandle> processHandle() {
		return Optional.ofNullable(this.process).flatMap(ServerProcess::handle);
	}

}
