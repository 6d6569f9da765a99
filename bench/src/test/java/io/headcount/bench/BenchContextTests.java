package io.headcount.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.headcount.testsupport.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class BenchContextTests {

	@TempDir
	Path root;

	@Test
	void keepsACommandsOutputInANumberedLog() throws Exception {
		try (BenchContext context = new BenchContext(false, this.root, this.root.resolve("work"))) {
			CommandOutput output = context.processes()
				.run("echo", List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));

			assertThat(output.exitCode()).isEqualTo(3);
			assertThat(output.output()).contains("out", "err");
			assertThat(output.log()).isEqualTo(this.root.resolve("work/01-echo.log"));
			assertThatIllegalStateException().isThrownBy(() -> output.requireSuccess("the echo"))
				.withMessageContaining("the echo exited with 3");
		}
	}

	@Test
	void killsACommandThatOverrunsItsTimeout() {
		try (BenchContext context = new BenchContext(false, this.root, this.root.resolve("work"))) {
			// redis-benchmark spins forever when it cannot connect; a hung tool must not
			// hang the run.
			assertThatIllegalStateException()
				.isThrownBy(() -> context.processes().run("sleeper", List.of("sleep", "300"), Duration.ofMillis(200)))
				.withMessageContaining("did not finish within");

			await().atMost(Duration.ofSeconds(10)).until(() -> sleepers().isEmpty());
		}
	}

	@Test
	void closeStopsEveryProcessStillRunningAndRefusesNewOnes() {
		BenchContext context = new BenchContext(false, this.root, this.root.resolve("work"));
		ChildProcess sleeper = context.processes().start("sleeper", List.of("sleep", "300"), Map.of());

		context.close();

		assertThat(sleeper.isAlive()).isFalse();
		assertThat(sleepers()).isEmpty();
		assertThatIllegalStateException()
			.isThrownBy(() -> context.processes().start("late", List.of("true"), Map.of()));
	}

	@Test
	void saysHowToBuildAServiceJarThatIsMissing() {
		try (BenchContext context = new BenchContext(false, this.root, this.root.resolve("work"))) {
			assertThatIllegalStateException().isThrownBy(() -> context.services().serviceJar("counter-service"))
				.withMessageContaining("counter-service-<version>.jar")
				.withMessageContaining("modules()");
		}
	}

	@Test
	void quickPicksTheShorterSetting() {
		try (BenchContext full = new BenchContext(false, this.root, this.root);
				BenchContext quick = new BenchContext(true, this.root, this.root)) {
			assertThat(full.pick(10, 5)).isEqualTo(10);
			assertThat(quick.pick(10, 5)).isEqualTo(5);
		}
	}

	private static List<ProcessHandle> sleepers() {
		return ProcessHandle.current()
			.children()
			.filter(ProcessHandle::isAlive)
			.filter((child) -> child.info().command().orElse("").endsWith("sleep"))
			.toList();
	}

}
