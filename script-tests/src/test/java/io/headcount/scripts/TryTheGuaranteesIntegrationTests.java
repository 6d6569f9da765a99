package io.headcount.scripts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bounded start/stop cycle of {@code ./headcount run} as a newcomer would do it: the
 * stack with presence-service and counter-service; the README's "Try the guarantees"
 * blocks, each in a shell of its own as in its own terminal (second instances, a kill -9,
 * likes through two instances); a service of the run killed while the rest keeps running;
 * then Ctrl-C, which must exit 0 and leave no ERROR line in any log.
 */
class TryTheGuaranteesIntegrationTests {

	/** {@code <!-- try: name -->} before a README block marks it as run here. */
	private static final Pattern BLOCK = Pattern.compile("<!-- try: ([a-z0-9-]+) -->\\s*```bash\\n(.*?)```",
			Pattern.DOTALL);

	private final Path root = ServiceLauncher.fromWorkingDirectory().repositoryRoot();

	private final Path logs = Path.of("target", "script-tests").toAbsolutePath();

	private final List<ChildProcess> terminals = new ArrayList<>();

	@Test
	@Timeout(value = 12, unit = TimeUnit.MINUTES)
	void theReadmeBlocksRunAgainstAStackThatSurvivesADyingServiceAndStopsCleanly() throws Exception {
		Map<String, String> blocks = blocks(Files.readString(this.root.resolve("README.md")));
		assertThat(blocks).containsOnlyKeys("tokens", "second-presence-instance", "bob-online-on-8091",
				"alice-watches-bob-on-8081", "kill-the-second-instance", "second-counter-instance",
				"like-through-both");
		Files.createDirectories(this.logs);

		long start = System.nanoTime();
		Map<Path, Long> logSizes = new LinkedHashMap<>();
		try (ChildProcess run = ChildProcess.start("./headcount run",
				terminalCommand("./headcount", "run", "--no-build", "presence-service", "counter-service"), Map.of(),
				this.root, this.logs.resolve("run.log"))) {
			try {
				await("./headcount run ready").atMost(Duration.ofMinutes(5))
					.pollInterval(Duration.ofSeconds(1))
					.failFast("./headcount run ended", () -> !run.isAlive())
					// the banner's last line, after the tokens it mints
					.until(() -> read(run).contains("A second instance:"));
				assertThat(read(run)).contains("user alice:", "./headcount token <user>");

				assertThat(finish("tokens", blocks)).contains("\"userId\":\"bob\"");
				ChildProcess presence8091 = terminal("second-presence-instance", blocks);
				// the second counter instance's terminal opens now too, so that its start
				// overlaps the presence steps (and the 30 s wait for the offline) instead
				// of
				// following them
				ChildProcess counter8092 = terminal("second-counter-instance", blocks);
				awaitOutput(presence8091, "presence-service http://127.0.0.1:8091 pid ", Duration.ofMinutes(3));
				terminal("bob-online-on-8091", blocks);
				ChildProcess alice = terminal("alice-watches-bob-on-8081", blocks);
				awaitOutput(alice, "\"status\":\"online\"", Duration.ofMinutes(1));

				finish("kill-the-second-instance", blocks);
				long killed = System.nanoTime();
				// the documented timeout (d + 2δ = 30 s) plus sweeping and slow shared
				// CPUs
				awaitOutput(alice, "\"status\":\"offline\"", Duration.ofSeconds(40));
				System.out.printf("bob offline %.1f s after the kill -9%n", (System.nanoTime() - killed) / 1e9);
				awaitOutput(presence8091, "exited with status 137 (SIGKILL)", Duration.ofSeconds(10));

				awaitOutput(counter8092, "counter-service http://127.0.0.1:8092 pid ", Duration.ofMinutes(3));
				String likes = finish("like-through-both", blocks);
				assertThat(likes.split("\"count\":1", -1)).as(likes).hasSize(3);
				assertThat(likes).contains("\"likes\":1");

				// Ctrl-C in the second instance's terminal stops that instance only
				long instancePid = Long.parseLong(
						Files.readString(this.root.resolve(".devstack/services/counter-service-8092.pid")).strip());
				ctrlC(counter8092);
				assertThat(counter8092.waitFor(Duration.ofSeconds(30))).as("instance stopped within 30 s").isTrue();
				assertThat(counter8092.exitValue()).as(read(counter8092)).isZero();
				assertThat(read(counter8092)).contains("counter-service on port 8092 stopped");
				assertThat(ProcessHandle.of(instancePid).map(ProcessHandle::isAlive)).as("instance JVM gone")
					.isNotEqualTo(Optional.of(true));
				run.awaitHttpOk(URI.create("http://127.0.0.1:8082/actuator/health/readiness"), Duration.ofSeconds(10));

				// a service of the run dies: reported with the restart line; the rest
				// serves
				long counterPid = Long.parseLong(
						Files.readString(this.root.resolve(".devstack/services/counter-service-8082.pid")).strip());
				new ProcessBuilder("kill", "-9", Long.toString(counterPid)).start().waitFor();
				await("the dead service reported").atMost(Duration.ofSeconds(30))
					.until(() -> read(run)
						.contains("start it again with: ./headcount instance counter-service --port 8082"));
				assertThat(read(run)).contains("counter-service on port 8082 (pid " + counterPid
						+ ") exited with status 137 (SIGKILL); the rest keeps running");
				assertThat(run.isAlive()).isTrue();
				run.awaitHttpOk(URI.create("http://127.0.0.1:8081/actuator/health/readiness"), Duration.ofSeconds(10));
			}
			finally {
				logSizes.putAll(logSizes());
				// Ctrl-C; the instance terminals end with the stack (it stops them too)
				ctrlC(run);
				assertThat(run.waitFor(Duration.ofMinutes(2))).as("stopped within 2 min").isTrue();
				this.terminals.forEach(ChildProcess::stop);
				killLeftovers(this.root);
			}
			assertThat(run.exitValue()).as(read(run)).isZero();
			assertThat(read(run)).containsSubsequence("stopping the services", "stopping Redis, Kafka and InfluxDB",
					"stopped");
		}
		System.out.printf("start/stop cycle with the README blocks: %.0f s%n", (System.nanoTime() - start) / 1e9);
		// what the stop wrote: a start under load on shared CPUs may log a (retried)
		// ERROR
		List<String> errors = new ArrayList<>();
		for (Map.Entry<Path, Long> log : logSizes().entrySet()) {
			String written = Files.readString(log.getKey())
				.substring(Math.toIntExact(logSizes.getOrDefault(log.getKey(), 0L)));
			written.lines()
				.filter((line) -> line.contains(" ERROR "))
				.forEach((line) -> errors.add(log.getKey().getFileName() + ": " + line));
		}
		assertThat(errors).as("ERROR lines the stop wrote in .devstack/logs").isEmpty();
	}

	private Map<Path, Long> logSizes() throws IOException {
		Map<Path, Long> sizes = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(this.root.resolve(".devstack/logs"))) {
			for (Path log : files.toList()) {
				sizes.put(log, Files.size(log));
			}
		}
		return sizes;
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void whenTheInfrastructureDiesTheRunStopsEverythingAndFails() throws Exception {
		Files.createDirectories(this.logs);
		try (ChildProcess run = ChildProcess.start("./headcount run",
				terminalCommand("./headcount", "run", "--no-build", "presence-service"), Map.of(), this.root,
				this.logs.resolve("run-devstack-dies.log"))) {
			try {
				await("./headcount run ready").atMost(Duration.ofMinutes(4))
					.pollInterval(Duration.ofSeconds(1))
					.failFast("./headcount run ended", () -> !run.isAlive())
					.until(() -> read(run).contains("A second instance:"));
				long servicePid = Long.parseLong(
						Files.readString(this.root.resolve(".devstack/services/presence-service-8081.pid")).strip());
				long devstackPid = Files.readAllLines(this.root.resolve(".devstack/run.env"))
					.stream()
					.filter((line) -> line.startsWith("HEADCOUNT_DEVSTACK_PID="))
					.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf('=') + 1)))
					.findFirst()
					.orElseThrow();
				new ProcessBuilder("kill", "-9", Long.toString(devstackPid)).start().waitFor();

				assertThat(run.waitFor(Duration.ofMinutes(2))).as("the run ends within 2 min").isTrue();
				assertThat(run.exitValue()).as(read(run)).isNotZero();
				assertThat(read(run)).contains(
						"devstack (Redis, Kafka, InfluxDB) exited with status 137 (SIGKILL); stopping the services");
				assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive)).as("presence-service stopped")
					.isNotEqualTo(java.util.Optional.of(true));
			}
			finally {
				killLeftovers(this.root);
			}
		}
	}

	/**
	 * The command as a terminal runs it: a session and process group of its own, and
	 * SIGINT and SIGTERM at their defaults (a CI harness may start the test JVM with
	 * SIGINT ignored, which its children inherit and bash could not trap).
	 */
	static List<String> terminalCommand(String... command) {
		List<String> line = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT,TERM"));
		line.addAll(List.of(command));
		return line;
	}

	/** What a terminal's Ctrl-C does: SIGINT to the foreground process group. */
	static void ctrlC(ChildProcess process) throws Exception {
		new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start().waitFor();
	}

	/**
	 * Bounds a broken run: SIGKILL to every instance and the devstack it left behind.
	 */
	static void killLeftovers(Path root) throws Exception {
		List<String> pids = new ArrayList<>();
		Path services = root.resolve(".devstack/services");
		if (Files.isDirectory(services)) {
			try (Stream<Path> files = Files.list(services)) {
				for (Path pidFile : files.toList()) {
					pids.add(Files.readString(pidFile).strip());
				}
			}
		}
		Path runEnv = root.resolve(".devstack/run.env");
		if (Files.isReadable(runEnv)) {
			Files.readAllLines(runEnv)
				.stream()
				.filter((line) -> line.startsWith("HEADCOUNT_DEVSTACK_PID="))
				.forEach((line) -> pids.add(line.substring(line.indexOf('=') + 1)));
		}
		for (String pid : pids) {
			ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
		}
	}

	static Map<String, String> blocks(String readme) {
		Map<String, String> blocks = new LinkedHashMap<>();
		Matcher matcher = BLOCK.matcher(readme);
		while (matcher.find()) {
			blocks.put(matcher.group(1), matcher.group(2));
		}
		return blocks;
	}

	/** A block that keeps running, as in a terminal of its own. */
	private ChildProcess terminal(String name, Map<String, String> blocks) {
		ChildProcess terminal = ChildProcess.start(name, terminalCommand("bash", "-c", blocks.get(name)), Map.of(),
				this.root, this.logs.resolve(name + ".log"));
		this.terminals.add(terminal);
		return terminal;
	}

	/** A block that ends: its output, after checking it exited 0. */
	private String finish(String name, Map<String, String> blocks) throws Exception {
		ChildProcess block = terminal(name, blocks);
		assertThat(block.waitFor(Duration.ofMinutes(1))).as(name + " done within 1 min").isTrue();
		assertThat(block.exitValue()).as(name + ": " + read(block)).isZero();
		return read(block);
	}

	private static void awaitOutput(ChildProcess terminal, String text, Duration timeout) {
		await(terminal.name() + " prints " + text).atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> read(terminal).contains(text));
	}

	private static String read(ChildProcess process) throws IOException {
		return Files.readString(process.log());
	}

}
