package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing devstack starts outlives it: not after close(), not after SIGTERM, not after
 * SIGKILL of its JVM.
 */
class DevStackLifecycleTests {

	private static final Duration STACK_START = Duration.ofSeconds(180);

	@Test
	void closeStopsEveryProcessAndDeletesTheTemporaryWorkDir() {
		DevStack stack = DevStack.start(DevStackOptions.defaults());
		Path workDir = stack.workDir();
		List<ProcessHandle> processes;
		try {
			processes = stack.processes();
			assertThat(processes).as("6 redis-server, the broker JVM, influxd, the watchdog")
				.hasSize(9)
				.allMatch(ProcessHandle::isAlive);
			assertThat(workDir).startsWith(StackRegistry.root()).isDirectory();
		}
		finally {
			stack.close();
		}
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(workDir).doesNotExist();
	}

	@Test
	void devStackMainWritesStackEnvAndStopsEverythingOnSigterm(@TempDir Path dir) throws Exception {
		Process main = launchDevStackMain(dir);
		try {
			List<ProcessHandle> servers = awaitStackOf(main, dir);
			assertThat(Files.readString(dir.resolve("stack/stack.env")))
				.containsPattern("(?m)^SPRING_DATA_REDIS_CLUSTER_NODES=(127\\.0\\.0\\.1:\\d+,){5}127\\.0\\.0\\.1:\\d+$")
				.containsPattern("(?m)^SPRING_KAFKA_BOOTSTRAP_SERVERS=127\\.0\\.0\\.1:\\d+$")
				.containsPattern("(?m)^MANAGEMENT_INFLUX_METRICS_EXPORT_URI=http://127\\.0\\.0\\.1:\\d+$")
				.contains("MANAGEMENT_INFLUX_METRICS_EXPORT_DB=headcount\n");

			main.destroy();

			assertThat(main.waitFor(60, TimeUnit.SECONDS)).as(output(dir)).isTrue();
			assertThat(servers).as(output(dir)).noneMatch(ProcessHandle::isAlive);
			assertThat(output(dir)).contains("devstack: stopping");
		}
		finally {
			main.destroyForcibly();
		}
	}

	@Test
	void serversOfAJvmKilledWithSigkillDoNotOutliveIt(@TempDir Path dir) throws Exception {
		Process main = launchDevStackMain(dir);
		try {
			List<ProcessHandle> servers = awaitStackOf(main, dir);

			main.destroyForcibly();

			assertThat(main.waitFor(10, TimeUnit.SECONDS)).isTrue();
			await("the watchdog and the broker's parent check stop every server").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(servers).noneMatch(ProcessHandle::isAlive));
			await("the watchdog deletes the registry entry").atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registryEntriesOf(main.pid())).isEmpty());
		}
		finally {
			main.destroyForcibly();
		}
	}

	@Test
	void staleStackOfADeadOwnerIsReapedAndALiveOwnersStackIsKept(@TempDir Path root) throws Exception {
		Process victim = new ProcessBuilder("sleep", "600").start();
		Process survivor = new ProcessBuilder("sleep", "600").start();
		try {
			Path stale = registryEntry(root, deadPid(), "victim", victim.toHandle());
			Path live = registryEntry(root, ProcessHandle.current().pid(), "survivor", survivor.toHandle());

			assertThat(StackRegistry.reapStale(root)).containsExactly(stale);

			assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(stale).doesNotExist();
			assertThat(live).isDirectory();
			assertThat(survivor.isAlive()).isTrue();
		}
		finally {
			victim.destroyForcibly();
			survivor.destroyForcibly();
		}
	}

	@Test
	void reaperNeverKillsAProcessThatMerelyReusesARecordedPid(@TempDir Path root) throws Exception {
		Process bystander = new ProcessBuilder("sleep", "600").start();
		try {
			Path stale = root.resolve(deadPid() + "-reused");
			Files.createDirectories(stale.resolve("pids"));
			// Same pid, different start time: another process that got the recorded pid
			// after the server died.
			Files.writeString(stale.resolve("pids/server"), bystander.pid() + " 1\n");

			assertThat(StackRegistry.reapStale(root)).containsExactly(stale);

			assertThat(bystander.isAlive()).isTrue();
		}
		finally {
			bystander.destroyForcibly();
		}
	}

	@Test
	void missingServerBinariesFailWithWhatToInstall(@TempDir Path emptyDir) {
		assertThatIllegalStateException().isThrownBy(() -> Binaries.find(List.of(emptyDir)))
			.withMessageContaining("redis-server, redis-cli, influxd")
			.withMessageContaining("apt-get install redis-server redis-tools influxdb");
	}

	private static Process launchDevStackMain(Path dir) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				DevStackMain.class.getName(), dir.resolve("stack").toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("devstack-main.log").toFile())
			.start();
	}

	/** Waits for stack.env, then returns every process the stack's JVM runs. */
	private static List<ProcessHandle> awaitStackOf(Process main, Path dir) {
		await("stack.env").atMost(STACK_START)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Files.exists(dir.resolve("stack/stack.env")) || !main.isAlive());
		assertThat(main.isAlive()).as(output(dir)).isTrue();
		List<ProcessHandle> servers = main.descendants()
			.filter(p -> p.parent().map(main.toHandle()::equals).orElse(false))
			.toList();
		assertThat(servers).as("6 redis-server, the broker JVM, influxd, the watchdog").hasSize(9);
		return servers;
	}

	private static String output(Path dir) {
		try {
			return Files.readString(dir.resolve("devstack-main.log"));
		}
		catch (IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

	private static List<Path> registryEntriesOf(long ownerPid) throws IOException {
		try (var entries = Files.list(StackRegistry.root())) {
			return entries.filter(entry -> entry.getFileName().toString().startsWith(ownerPid + "-")).toList();
		}
	}

	private static Path registryEntry(Path root, long ownerPid, String name, ProcessHandle process) throws IOException {
		Path entry = root.resolve(ownerPid + "-test");
		Files.createDirectories(entry.resolve("pids"));
		Files.writeString(entry.resolve("pids").resolve(name),
				process.pid() + " " + StackRegistry.startTicks(process.pid()).orElseThrow() + "\n");
		return entry;
	}

	/**
	 * The pid of a process that has exited (and been reaped), standing for an owner JVM
	 * killed with -9.
	 */
	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		await().atMost(Duration.ofSeconds(5)).until(() -> StackRegistry.startTicks(process.pid()).isEmpty());
		return process.pid();
	}

}
