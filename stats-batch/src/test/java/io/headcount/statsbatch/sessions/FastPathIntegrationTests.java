package io.headcount.statsbatch.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.headcount.devstack.DevStack;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path's per-second counts, read from the real InfluxDB that devstack starts,
 * against the batch's: ten minutes reported 3 too high and one second 10 too high give
 * the mean absolute error and the largest divergence with its time.
 */
class FastPathIntegrationTests {

	static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	static final int FROM = 10 * 3600;

	static final int SECONDS = 600;

	@TempDir
	Path directory;

	@Test
	void comparesTheFastPathsPerSecondCountsWithTheBatchs() throws Exception {
		ArchiveFiles archive = new ArchiveFiles(this.directory);
		SyntheticDay.write(DaySpec.small(DAY).withSessions(1_000).withSeed(7), archive, Progress.of("generate"));
		SessionsDay day;
		try (QueryEngine engine = EngineSettings.duckdb().open()) {
			day = new SessionsReport(archive, SessionRules.defaults()).run(engine, DAY);
		}
		long[] batch = day.secondCurves().get("site-1");
		StringBuilder lines = new StringBuilder();
		long dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		for (int second = FROM; second < FROM + SECONDS; second++) {
			long fast = batch[second] + ((second == FROM + 300) ? 10 : 3);
			lines.append(InfluxFastPath.MEASUREMENT)
				.append(",site=site-1 value=")
				.append(fast)
				.append(' ')
				.append(dayStart + second * 1000L)
				.append('\n');
		}
		DevStack stack = DevStack.shared();
		HttpResponse<String> written = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(stack.influxUrl() + "/write?precision=ms&db=" + stack.influxDatabase()))
				.POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

		List<FastPathComparison> comparisons = FastPathSource
			.compare(new InfluxFastPath(URI.create(stack.influxUrl()), stack.influxDatabase()), day);

		FastPathComparison site1 = comparisons.getFirst();
		assertThat(site1.siteId()).isEqualTo("site-1");
		assertThat(site1.status()).isEqualTo(FastPathComparison.COMPARED);
		assertThat(site1.secondsCompared()).isEqualTo(SECONDS);
		assertThat(site1.meanAbsoluteError()).isEqualTo((599 * 3 + 10) / 600.0);
		assertThat(site1.meanSignedError()).isEqualTo((599 * 3 + 10) / 600.0);
		assertThat(site1.largestDivergence()).isEqualTo(10);
		assertThat(site1.largestAt()).isEqualTo("10:05:00");
		assertThat(site1.batchAtLargest()).isEqualTo(batch[FROM + 300]);
		assertThat(comparisons.subList(1, comparisons.size()))
			.allSatisfy((other) -> assertThat(other.status()).isEqualTo("no fast-path data"));
		assertThat(FastPathSource.compare(new InfluxFastPath(URI.create("http://127.0.0.1:1"), "none"), day))
			.allSatisfy((other) -> assertThat(other.status()).startsWith("unavailable: InfluxDB at"));
	}

}
