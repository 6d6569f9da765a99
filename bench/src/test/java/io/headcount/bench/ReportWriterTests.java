package io.headcount.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

	@Test
	void markdownHasMachineFactsAResultTableAndSaysFiguresAreNoisy() {
		String md = ReportWriter.markdown(Reports.withOneComparison());

		assertThat(md).startsWith("# Benchmarks\n")
			.contains("| CPU | Intel(R) Xeon(R) Processor, 2 cores |")
			.contains("| Memory | 23.5 GiB |")
			.contains("| JDK | Eclipse Adoptium 25.0.1+8-LTS |")
			.contains("| OS | Debian GNU/Linux 12 (bookworm) (Linux 6.1.0 amd64) |")
			.contains("| Date | 2026-11-25T10:52:00Z |")
			.contains("| Tools | redis-benchmark 7.0.15, wrk debian/4.1.0-3+b2 |")
			.contains("**Noisy figures.**")
			.contains("machine's 2 cores; the load average was 20.68 9.62 4.41 at the start")
			.contains("Five other agents were building on the same cores.")
			.contains("| scenario | value | unit | reference | ratio |")
			.contains("| `reference.http.ping.throughput` | 24,749 | req/s | (reference) |  |")
			.contains("| `reference.http.ping.p99` | 87.40 | ms | (reference) |  |")
			.contains("| `counter.likes.throughput` | 6,187 | req/s | `reference.http.ping.throughput` | 0.250 |")
			.contains(
					"| `counter.likes.p99` | 12.50 | ms | `reference.redis.incr.p99` | n/a (reference not measured) |")
			.contains("| `presence.fanout.p99` | 19.48 | ms |  |  |")
			.contains("* **reference.http**, a reference (31 s): GET /ping with wrk.")
			.contains("## Failures")
			.contains("  redis-benchmark did not finish\n  second line");
	}

	@Test
	void jsonListsEachFigureWithItsReferenceAndRatioPlusMachineAndDate() {
		JsonNode json = new JsonMapper().readTree(ReportWriter.json(Reports.withOneComparison()));

		assertThat(json.get("startedAt").asString()).isEqualTo("2026-11-25T10:52:00Z");
		assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
		assertThat(json.get("machine").get("cpuModel").asString()).isEqualTo("Intel(R) Xeon(R) Processor");
		assertThat(json.get("loadAverageAtStart").asString()).isEqualTo("20.68 9.62 4.41");
		assertThat(json.get("results")).hasSize(5);
		JsonNode reference = json.get("results").get(0);
		assertThat(reference.propertyNames()).containsExactly("scenario", "value", "unit", "reference", "ratio",
				"side");
		assertThat(reference.get("value").asDouble()).isEqualTo(24748.84);
		assertThat(reference.get("reference").isNull()).isTrue();
		assertThat(reference.get("ratio").isNull()).isTrue();
		JsonNode compared = json.get("results").get(2);
		assertThat(compared.get("reference").asString()).isEqualTo("reference.http.ping.throughput");
		assertThat(compared.get("ratio").asDouble()).isEqualTo(0.25);
		assertThat(json.get("failures").get(0).get("scenario").asString()).isEqualTo("reference.redis");
	}

	@Test
	void writesBothFilesIntoTheDirectory(@TempDir Path directory) throws Exception {
		ReportWriter.write(Reports.withOneComparison(), directory.resolve("docs"));

		assertThat(directory.resolve("docs/benchmarks.md")).content().startsWith("# Benchmarks");
		assertThat(Files.readString(directory.resolve("docs/benchmarks.json"))).startsWith("{").endsWith("}\n");
	}

	@Test
	void roundsToWhatIsWorthComparing() {
		assertThat(ReportWriter.number(793650.75)).isEqualTo("793,651");
		assertThat(ReportWriter.number(911.54)).isEqualTo("911.5");
		assertThat(ReportWriter.number(2.3)).isEqualTo("2.30");
		assertThat(ReportWriter.number(0.2874)).isEqualTo("0.287");
	}

}
