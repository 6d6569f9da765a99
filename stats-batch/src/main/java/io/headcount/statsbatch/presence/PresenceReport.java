package io.headcount.statsbatch.presence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.engine.SqlScript;
import org.jspecify.annotations.Nullable;

/** Runs {@code presence.sql} for one day. */
public final class PresenceReport {

	private static final SqlScript SQL = SqlScript.load(PresenceReport.class, "presence.sql");

	private final ArchiveFiles archive;

	private final java.time.Duration lookAround;

	public PresenceReport(ArchiveFiles archive, java.time.Duration lookAround) {
		this.archive = archive;
		this.lookAround = lookAround;
	}

	public PresenceDay run(QueryEngine engine, LocalDate day) {
		long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		long from = dayStart - this.lookAround.toMillis();
		ArchiveTable table = ArchiveTable.PRESENCE_EVENTS;
		engine.register(table.tableName(),
				this.archive.files(table, LocalDate.ofInstant(Instant.ofEpochMilli(from), ZoneOffset.UTC), day),
				table.emptySelect());
		Map<String, List<List<@Nullable Object>>> results = SQL.run(engine, Map.of("day_start_ms", dayStart,
				"day_end_ms", dayStart + 86_400_000L, "day_start_min", dayStart / 60_000, "events_from_ms", from));
		long[] online = new long[1_440];
		for (List<@Nullable Object> row : results.get("online_per_minute")) {
			online[(int) QueryEngine.number(row.get(0))] = QueryEngine.number(row.get(1));
		}
		long peak = 0;
		int peakMinute = 0;
		for (int minute = 0; minute < online.length; minute++) {
			if (online[minute] > peak) {
				peak = online[minute];
				peakMinute = minute;
			}
		}
		List<@Nullable Object> totals = results.get("presence_totals").getFirst();
		List<PresenceDay.Transition> transitions = new ArrayList<>();
		for (List<@Nullable Object> row : results.get("transitions")) {
			transitions.add(new PresenceDay.Transition((String) row.get(0), (String) row.get(1),
					QueryEngine.number(row.get(2))));
		}
		return new PresenceDay(online, peak,
				DateTimeFormatter.ofPattern("HH:mm").format(LocalTime.ofSecondOfDay(peakMinute * 60L)),
				QueryEngine.number(totals.get(0)), QueryEngine.number(totals.get(1)), QueryEngine.number(totals.get(2)),
				List.copyOf(transitions));
	}

}
