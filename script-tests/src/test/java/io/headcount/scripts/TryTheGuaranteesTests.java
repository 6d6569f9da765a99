package io.headcount.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * One start/stop cycle of {@code ./headcount run} as a newcomer would do it: the stack
 * with presence-service and counter-service, the README's "Try the guarantees" snippets
 * (second instances, a kill -9, likes through two instances), a run service killed while
 * the rest keeps running, then Ctrl-C, which must exit 0 and leave no ERROR line in any
 * log.
 */
class TryTheGuaranteesTests {

	/** The README marks each snippet of the section with this comment line. */
	static final String MARKER = "<!-- try-the-guarantees -->";

	private static final Pattern SNIPPET = Pattern.compile(Pattern.quote(MARKER) + "\\s*```bash\\n(.*?)```",
			Pattern.DOTALL);

	private final Path root = ServiceLauncher.fromWorkingDirectory().repositoryRoot();

	private final Path logs = Path.of("target", "script-tests").toAbsolutePath();

	@Test
	@Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
	void theReadmeSnippetsRunAgainstAStackThatSurvivesADyingServiceAndStopsCleanly() throws Exception {
		List<String> snippets = snippets(Files.readString(this.root.resolve("README.md")));
		assertThat(snippets).hasSize(5);
		Files.createDirectories(this.logs);

		try (ChildProcess run = ChildProcess.start("./headcount run",
				List.of("./headcount", "run", "--no-build", "presence-service", "counter-service"), Map.of(), this.root,
				this.logs.resolve("run.log"))) {
			await("./headcount run ready").atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofSeconds(1))
				.failFast("./headcount run ended", () -> !run.isAlive())
				.until(() -> runLog().contains("Headcount is running"));
			assertThat(runLog()).contains("user alice:", "./headcount token <user>");

			// every snippet in one shell, so later ones see ALICE, BOB and SECOND; the
			// trap
			// stops the WebSocket clients the snippets left in the background
			String script = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"
					+ String.join("\n", snippets);
			try (ChildProcess tryIt = ChildProcess.start("README snippets", List.of("bash", "-c", script), Map.of(),
					this.root, this.logs.resolve("try-the-guarantees.log"))) {
				assertThat(tryIt.waitFor(Duration.ofMinutes(4))).as("snippets done within 4 min").isTrue();
				String output = Files.readString(tryIt.log());
				assertThat(tryIt.exitValue()).as(output).isZero();
				assertThat(output).contains("presence-service http://127.0.0.1:8091 pid ", "snapshot")
					.containsPattern("bob offline \\d+ s after the kill")
					.contains("\"count\":1");
			}

			// a service of the run dies: reported, with the restart line, and the rest
			// keeps serving
			long counterPid = Long
				.parseLong(Files.readString(this.root.resolve(".devstack/services/counter-service-8082.pid")).strip());
			new ProcessBuilder("kill", "-9", Long.toString(counterPid)).start().waitFor();
			await("the dead service reported").atMost(Duration.ofSeconds(30))
				.until(() -> runLog()
					.contains("start it again with: ./headcount instance counter-service --port 8082"));
			assertThat(runLog()).contains("counter-service on port 8082 (pid " + counterPid
					+ ") exited with status 137 (SIGKILL); the rest keeps running");
			assertThat(run.isAlive()).isTrue();
			run.awaitHttpOk(java.net.URI.create("http://127.0.0.1:8081/actuator/health/readiness"),
					Duration.ofSeconds(10));

			// Ctrl-C
			new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
			assertThat(run.waitFor(Duration.ofMinutes(2))).as("stopped within 2 min").isTrue();
			assertThat(run.exitValue()).as(runLog()).isZero();
			assertThat(runLog()).containsSubsequence("stopping the services", "stopping Redis, Kafka and InfluxDB",
					"stopped");
		}
		List<String> errors = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.root.resolve(".devstack/logs"))) {
			for (Path log : files.toList()) {
				Files.readAllLines(log)
					.stream()
					.filter((line) -> line.contains(" ERROR "))
					.forEach((line) -> errors.add(log.getFileName() + ": " + line));
			}
		}
		assertThat(errors).as("ERROR lines in .devstack/logs").isEmpty();
	}

	static List<String> snippets(String readme) {
		List<String> snippets = new ArrayList<>();
		Matcher matcher = SNIPPET.matcher(readme);
		while (matcher.find()) {
			snippets.add(matcher.group(1));
		}
		return snippets;
	}

	private String runLog() throws IOException {
		return Files.readString(this.logs.resolve("run.log"));
	}

}
