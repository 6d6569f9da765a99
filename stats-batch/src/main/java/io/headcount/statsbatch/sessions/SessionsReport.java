package io.headcount.statsbatch.sessions;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.engine.SqlScript;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code sessions.sql} for one day on the given engine and reads its results. The
 * SQL does the work; this class only binds the day and turns rows into records.
 */
public final class SessionsReport {

	static final int SECONDS = 86_400;

	static final int MINUTES = 1_440;

	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	private static final SqlScript SQL = SqlScript.load(SessionsReport.class, "sessions.sql");

	private final ArchiveFiles archive;

	private final SessionRules rules;

	public SessionsReport(ArchiveFiles archive, SessionRules rules) {
		this.archive = archive;
		this.rules = rules;
	}

	public SessionsDay run(QueryEngine engine, LocalDate day) {
		long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		long lookAround = this.rules.lookAround().toMillis();
		long from = dayStart - lookAround;
		long to = dayStart + SECONDS * 1000L + lookAround;
		LocalDate firstDay = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(from), ZoneOffset.UTC);
		LocalDate lastDay = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(to - 1), ZoneOffset.UTC);
		ArchiveTable table = ArchiveTable.SESSION_EVENTS;
		engine.register(table.tableName(), this.archive.files(table, firstDay, lastDay), table.emptySelect());
		Map<String, Long> parameters = Map.of("day_start_ms", dayStart, "day_end_ms", dayStart + SECONDS * 1000L,
				"day_start_s", dayStart / 1000, "day_start_min", dayStart / 60_000, "events_from_ms", from,
				"events_to_ms", to, "spam_opens_per_minute", (long) this.rules.spamOpensPerMinute());
		Map<String, List<List<@Nullable Object>>> results = SQL.run(engine, parameters);
		return read(day, results);
	}

	private static SessionsDay read(LocalDate day, Map<String, List<List<@Nullable Object>>> results) {
		Map<String, long[]> minutes = curves(results.get("minute_curve"), MINUTES, 2);
		Map<String, long[]> minuteMaxima = curves(results.get("minute_curve"), MINUTES, 3);
		Map<String, long[]> seconds = curves(results.get("second_curve"), SECONDS, 2);
		Map<String, List<@Nullable Object>> concurrency = new LinkedHashMap<>();
		for (List<@Nullable Object> row : results.get("site_concurrency")) {
			concurrency.put((String) row.get(0), row);
		}
		List<SiteSessions> sites = new ArrayList<>();
		for (List<@Nullable Object> row : results.get("site_sessions")) {
			String site = (String) row.get(0);
			long sessions = QueryEngine.number(row.get(1));
			long timedOut = QueryEngine.number(row.get(5));
			long injected = QueryEngine.number(row.get(6));
			List<@Nullable Object> c = concurrency.get(site);
			long maxSecond = (c != null) ? QueryEngine.number(c.get(1)) : 0;
			long sumSecond = (c != null) ? QueryEngine.number(c.get(2)) : 0;
			long peakSecond = (c != null && c.get(3) != null) ? QueryEngine.number(c.get(3)) : 0;
			long maxMinute = (c != null) ? QueryEngine.number(c.get(4)) : 0;
			long sumMinute = (c != null) ? QueryEngine.number(c.get(5)) : 0;
			long peakMinute = (c != null && c.get(6) != null) ? QueryEngine.number(c.get(6)) : 0;
			sites.add(new SiteSessions(site, sessions, QueryEngine.number(row.get(2)), QueryEngine.number(row.get(3)),
					QueryEngine.number(row.get(4)), timedOut, injected,
					(sessions == 0) ? 0 : (double) (timedOut + injected) / sessions, (Long) row.get(7),
					(Long) row.get(8), (Long) row.get(9), maxSecond, (double) sumSecond / SECONDS,
					SECOND.format(LocalTime.ofSecondOfDay(peakSecond)), maxMinute, (double) sumMinute / MINUTES,
					MINUTE.format(LocalTime.ofSecondOfDay(peakMinute * 60))));
		}
		return new SessionsDay(day, List.copyOf(sites), minutes, minuteMaxima, seconds);
	}

	private static Map<String, long[]> curves(List<List<@Nullable Object>> rows, int length, int column) {
		Map<String, long[]> curves = new LinkedHashMap<>();
		for (List<@Nullable Object> row : rows) {
			long[] curve = curves.computeIfAbsent((String) row.get(0), (site) -> new long[length]);
			curve[(int) QueryEngine.number(row.get(1))] = QueryEngine.number(row.get(column));
		}
		return curves;
	}

}
