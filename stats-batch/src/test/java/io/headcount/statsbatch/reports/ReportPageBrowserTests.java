package io.headcount.statsbatch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.generator.SyntheticOthers;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.sessions.SessionRules;
import io.headcount.testsupport.HeadlessChromium;
import io.headcount.testsupport.HeadlessChromium.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A written report viewed as a person would, in headless Chromium: one chart per site
 * with its 1,440-point line, the tables filled, nothing loaded from elsewhere, and a
 * screenshot (target/report-screenshot.png) that is not blank; at 780 px wide the page
 * does not scroll sideways.
 */
class ReportPageBrowserTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 6);

	@TempDir
	Path directory;

	@Test
	void theRenderedReportShowsItsChartsAndTables() throws Exception {
		ArchiveFiles archive = new ArchiveFiles(this.directory.resolve("archive"));
		SyntheticDay.write(DaySpec.small(DAY).withSessions(1_000), archive, Progress.of("generate"));
		SyntheticOthers.write(DAY, archive);
		Path day;
		try (QueryEngine engine = EngineSettings.duckdb().open()) {
			day = new ReportJob(archive, SessionRules.defaults(), null, this.directory.resolve("reports")).run(engine,
					DAY, Progress.of("report"));
		}
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			Page page = chromium.open(day.resolve(ReportFiles.HTML).toUri().toString());
			await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(page.text("document.readyState")));
			assertThat(page.text("document.title")).isEqualTo("Headcount audit report " + DAY);
			assertThat(page.evaluate("document.querySelectorAll('svg.chart').length").asInt()).isEqualTo(3);
			assertThat(page.evaluate("document.querySelector('svg.chart polyline').points.numberOfItems").asInt())
				.isEqualTo(1_440);
			assertThat(page.evaluate("document.querySelector('svg.chart').getBoundingClientRect().width").asDouble())
				.as("laid out at its size, border included")
				.isBetween((double) ReportPage.WIDTH, ReportPage.WIDTH + 2.0);
			assertThat(page.evaluate("document.querySelectorAll('table.sessions tr').length").asInt()).isEqualTo(4);
			assertThat(page.evaluate("document.querySelectorAll('table.rooms tr').length").asInt()).isEqualTo(3);
			assertThat(page.text("document.querySelector('ul.summary').innerText")).contains("site-1")
				.contains("visitors at the same time");
			assertThat(page.evaluate("performance.getEntriesByType('resource').length").asInt())
				.as("nothing loaded from elsewhere")
				.isZero();
			Path screenshot = page.screenshot(Path.of("target", "report-screenshot.png").toAbsolutePath());
			assertThat(Files.size(screenshot)).as("a page with charts, not a blank one").isGreaterThan(20_000);
			page.viewport(780, 1000);
			await().atMost(Duration.ofSeconds(10)).until(() -> page.evaluate("window.innerWidth").asInt() == 780);
			assertThat(page.evaluate("document.documentElement.scrollWidth").asInt())
				.as("no sideways scrolling at 780 px: wide tables scroll in their own box")
				.isLessThanOrEqualTo(780);
			assertThat(page.evaluate("document.querySelector('svg.chart').getBoundingClientRect().right").asDouble())
				.isLessThanOrEqualTo(780);
			page.screenshot(Path.of("target", "report-screenshot-780.png").toAbsolutePath());
			chromium.close(page);
		}
	}

}
