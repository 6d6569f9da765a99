package io.headcount.scripts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.headcount.testsupport.ServiceLauncher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench/run} says what to install, as {@code ./headcount} does, when its Debian
 * packages are missing and it cannot install them (no apt-get on the PATH here, so also
 * as root and without network).
 */
class BenchRunTests {

	@Test
	void withoutItsPackagesAndWithoutAptGetBenchRunPrintsTheExactInstallLine() throws Exception {
		// under target, not @TempDir, whose cleanup warns about each link to /usr/bin
		Path bin = Path.of("target", "bench-run-path").toAbsolutePath();
		Files.createDirectories(bin);
		// only the tools the scripts need before their package check
		for (String tool : List.of("bash", "dirname", "sed", "head", "readlink", "sort", "id", "tr", "od", "env")) {
			Path target = Path.of("/usr/bin", tool);
			Files.deleteIfExists(bin.resolve(tool));
			Files.createSymbolicLink(bin.resolve(tool), Files.exists(target) ? target : Path.of("/bin", tool));
		}
		Path root = ServiceLauncher.fromWorkingDirectory().repositoryRoot();
		ProcessBuilder builder = new ProcessBuilder("/bin/bash", root.resolve("bench/run").toString())
			.directory(root.toFile())
			.redirectErrorStream(true);
		builder.environment().put("PATH", bin.toString());
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains(
				"missing: influxdb redis-server redis-tools wrk. Install them with: sudo apt-get install influxdb redis-server redis-tools wrk");
	}

}
