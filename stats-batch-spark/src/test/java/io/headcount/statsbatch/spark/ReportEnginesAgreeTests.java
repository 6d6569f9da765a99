package io.headcount.statsbatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.SyntheticOthers;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.reports.ReportFiles;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.statsbatch.sessions.SessionRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One SQL, two engines: the same generated day reported by DuckDB and by Spark (local,
 * two shuffle partitions) gives byte-identical files, and DuckDB run twice gives the same
 * bytes again.
 */
class ReportEnginesAgreeTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 2);

	@TempDir
	static Path directory;

	static ArchiveFiles archive;

	@BeforeAll
	static void generate() {
		archive = new ArchiveFiles(directory.resolve("archive"));
		SyntheticDay.write(DaySpec.small(DAY).withSessions(1_500), archive, Progress.of("generate"));
		SyntheticOthers.write(DAY, archive);
	}

	@Test
	void duckDbAndSparkWriteTheSameBytesForTheSameDay() throws IOException {
		Map<String, String> duckdb = report(EngineSettings.duckdb(), "duckdb");
		long started = System.nanoTime();
		Map<String, String> spark = report(EngineSettings.sparkLocal(2), "spark");
		System.out.printf("Spark local report of %s: %d ms%n", DAY,
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		assertThat(spark).isEqualTo(duckdb);
		assertThat(duckdb.get(ReportFiles.JSON)).contains("\"siteId\" : \"site-1\"")
			.contains("\"fifoViolations\" : 2")
			.contains("\"peakOnline\" : 30")
			.contains("\"counters\" : 30")
			.contains("\"joinedBefore\" : 40")
			.contains("\"counter\" : \"shares\"");
		assertThat(duckdb.get(ReportFiles.COUNTER_TOP_CSV).lines()).hasSize(11);
	}

	@Test
	void theSameDayGivesTheSameBytesTwice() throws IOException {
		assertThat(report(EngineSettings.duckdb(), "first")).isEqualTo(report(EngineSettings.duckdb(), "second"));
	}

	private static Map<String, String> report(EngineSettings settings, String name) throws IOException {
		Path output = directory.resolve(name);
		ReportJob job = new ReportJob(archive, SessionRules.defaults(), null, output);
		try (QueryEngine engine = settings.open()) {
			job.run(engine, DAY, Progress.of(name));
		}
		Map<String, String> files = new LinkedHashMap<>();
		for (String file : ReportFiles.ALL) {
			files.put(file, Files.readString(output.resolve(DAY.toString()).resolve(file)));
		}
		return files;
	}

}
