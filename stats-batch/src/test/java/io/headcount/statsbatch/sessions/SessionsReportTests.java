package io.headcount.statsbatch.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.GeneratedSession;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.progress.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions report on a generated day whose answers are known: every figure is
 * recomputed here from the generator's sessions, the concurrency curves by a sweep line
 * over the sessions (not the SQL's prefix sums over deltas).
 */
class SessionsReportTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 1);

	@TempDir
	static Path directory;

	static List<GeneratedSession> generated;

	static SessionsDay report;

	@BeforeAll
	static void generateAndReport() {
		ArchiveFiles archive = new ArchiveFiles(directory.resolve("archive"));
		generated = SyntheticDay.write(DaySpec.small(DAY), archive, Progress.of("generate"));
		try (QueryEngine engine = EngineSettings.duckdb().open()) {
			report = new SessionsReport(archive, SessionRules.defaults()).run(engine, DAY);
		}
	}

	@Test
	void countsSessionsBotsSpamAndClosesOfEachSite() {
		assertThat(report.sites()).extracting(SiteSessions::siteId).containsExactly("site-1", "site-2", "site-3");
		for (SiteSessions site : report.sites()) {
			List<GeneratedSession> ofSite = ofSite(site.siteId());
			assertThat(site.sessions()).isEqualTo(count(ofSite, "human", null));
			assertThat(site.botSessions()).isEqualTo(count(ofSite, "bot", null));
			assertThat(site.spamSessions()).isEqualTo(count(ofSite, "spam", null));
			assertThat(site.clientCloses()).isEqualTo(count(ofSite, "human", "client"));
			assertThat(site.timedOutCloses()).isEqualTo(count(ofSite, "human", "timed-out"));
			assertThat(site.injectedCloses()).isEqualTo(count(ofSite, "human", "injected"));
			assertThat(site.lostCloseRate())
				.isEqualTo((double) (site.timedOutCloses() + site.injectedCloses()) / site.sessions());
		}
		long spam = report.sites().stream().mapToLong(SiteSessions::spamSessions).sum();
		assertThat(spam).as("two bursts of 100 from one address each").isEqualTo(200);
		double lost = report.sites().stream().mapToDouble(SiteSessions::lostCloseRate).average().orElseThrow();
		assertThat(lost).as("20 %% lost + 2 %% missing closes").isBetween(0.17, 0.27);
	}

	@Test
	void sessionLengthPercentilesAreNearestRank() {
		for (SiteSessions site : report.sites()) {
			List<Long> lengths = humans(site.siteId()).stream()
				.map((session) -> session.endMillis() - session.startMillis())
				.sorted()
				.toList();
			assertThat(site.p50Millis()).isEqualTo(nearestRank(lengths, 50));
			assertThat(site.p90Millis()).isEqualTo(nearestRank(lengths, 90));
			assertThat(site.p99Millis()).isEqualTo(nearestRank(lengths, 99));
		}
	}

	@Test
	void concurrencyPerSecondMatchesASweepLineOverTheSessions() {
		for (SiteSessions site : report.sites()) {
			long[] expected = sweep(humans(site.siteId()), 1000, 86_400);
			assertThat(report.secondCurves().get(site.siteId())).as(site.siteId()).isEqualTo(expected);
			long max = java.util.Arrays.stream(expected).max().orElseThrow();
			int peak = indexOf(expected, max);
			assertThat(site.maxPerSecond()).isEqualTo(max);
			assertThat(site.peakSecond()).isEqualTo(java.time.LocalTime.ofSecondOfDay(peak)
				.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")));
			assertThat(site.meanPerSecond())
				.isEqualTo((double) java.util.Arrays.stream(expected).sum() / expected.length);
			assertThat(max).as("a busy generated site").isGreaterThan(3);
		}
	}

	@Test
	void concurrencyPerMinuteMatchesASweepLineOverTheSessions() {
		for (SiteSessions site : report.sites()) {
			long[] expected = sweep(humans(site.siteId()), 60_000, 1_440);
			assertThat(report.minuteCurves().get(site.siteId())).as(site.siteId()).isEqualTo(expected);
			long max = java.util.Arrays.stream(expected).max().orElseThrow();
			assertThat(site.maxPerMinute()).isEqualTo(max);
			assertThat(site.meanPerMinute())
				.isEqualTo((double) java.util.Arrays.stream(expected).sum() / expected.length);
		}
	}

	/**
	 * Visitors present in each slot: a sweep line that admits sessions in start order and
	 * retires them by end, with the report's rule (a session counts in every slot from
	 * the one of its start to the one of its last millisecond).
	 */
	static long[] sweep(List<GeneratedSession> sessions, long slotMillis, int slots) {
		long dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		List<GeneratedSession> byStart = new ArrayList<>(sessions);
		byStart.sort(Comparator.comparingLong(GeneratedSession::startMillis));
		PriorityQueue<Long> ends = new PriorityQueue<>();
		long[] curve = new long[slots];
		int next = 0;
		for (int slot = 0; slot < slots; slot++) {
			long slotStart = dayStart + slot * slotMillis;
			long slotEnd = slotStart + slotMillis;
			while (next < byStart.size() && byStart.get(next).startMillis() < slotEnd) {
				GeneratedSession session = byStart.get(next++);
				ends.add(Math.max(session.endMillis(), session.startMillis() + 1));
			}
			while (!ends.isEmpty() && ends.peek() <= slotStart) {
				ends.poll();
			}
			curve[slot] = ends.size();
		}
		return curve;
	}

	static Long nearestRank(List<Long> sorted, int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	private static int indexOf(long[] values, long value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static List<GeneratedSession> ofSite(String site) {
		return generated.stream().filter((session) -> session.siteId().equals(site)).toList();
	}

	private static List<GeneratedSession> humans(String site) {
		return ofSite(site).stream().filter((session) -> session.kind().equals("human")).collect(Collectors.toList());
	}

	private static long count(List<GeneratedSession> sessions, String kind, String close) {
		return sessions.stream()
			.filter((session) -> session.kind().equals(kind) && (close == null || session.close().equals(close)))
			.count();
	}

}
