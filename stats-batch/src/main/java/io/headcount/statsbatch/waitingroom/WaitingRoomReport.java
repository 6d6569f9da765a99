package io.headcount.statsbatch.waitingroom;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.engine.SqlScript;
import org.jspecify.annotations.Nullable;

/** Runs {@code waiting-room.sql} for one day. */
public final class WaitingRoomReport {

	private static final SqlScript SQL = SqlScript.load(WaitingRoomReport.class, "waiting-room.sql");

	private final ArchiveFiles archive;

	private final java.time.Duration lookAround;

	public WaitingRoomReport(ArchiveFiles archive, java.time.Duration lookAround) {
		this.archive = archive;
		this.lookAround = lookAround;
	}

	public List<RoomAudit> run(QueryEngine engine, LocalDate day) {
		long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		long to = dayStart + 86_400_000L + this.lookAround.toMillis();
		ArchiveTable table = ArchiveTable.WAITING_ROOM_EVENTS;
		long from = dayStart - this.lookAround.toMillis();
		engine.register(table.tableName(),
				this.archive.files(table, LocalDate.ofInstant(Instant.ofEpochMilli(from), ZoneOffset.UTC),
						LocalDate.ofInstant(Instant.ofEpochMilli(to - 1), ZoneOffset.UTC)),
				table.emptySelect());
		Map<String, List<List<@Nullable Object>>> results = SQL.run(engine, Map.of("day_start_ms", dayStart,
				"day_end_ms", dayStart + 86_400_000L, "events_to_ms", to, "draw_from_ms", from));
		Map<String, List<DrawCheck.Joiner>> joiners = new LinkedHashMap<>();
		for (List<@Nullable Object> row : results.get("drawn_shoppers")) {
			joiners.computeIfAbsent((String) row.get(0), (room) -> new ArrayList<>())
				.add(new DrawCheck.Joiner((String) row.get(1),
						(row.get(2) == null) ? null : QueryEngine.number(row.get(2)),
						(row.get(3) == null) ? null : QueryEngine.number(row.get(3))));
		}
		Map<String, DrawCheck> draws = new LinkedHashMap<>();
		for (List<@Nullable Object> row : results.get("draws")) {
			String room = (String) row.get(0);
			if (row.get(1) == null || String.valueOf(row.get(1)).isEmpty()) {
				continue; // opened without a draw (no seed): tickets are in join order
			}
			draws.put(room, DrawCheck.check(String.valueOf(row.get(1)), QueryEngine.number(row.get(3)),
					joiners.getOrDefault(room, List.of())));
		}
		Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
		for (List<@Nullable Object> row : results.get("left_reasons")) {
			reasons.computeIfAbsent((String) row.get(0), (room) -> new TreeMap<>())
				.put(String.valueOf(row.get(1)), QueryEngine.number(row.get(2)));
		}
		List<RoomAudit> rooms = new ArrayList<>();
		for (List<@Nullable Object> row : results.get("rooms")) {
			String room = (String) row.get(0);
			long waited = QueryEngine.number(row.get(3));
			long abandoned = QueryEngine.number(row.get(5));
			long withEwt = QueryEngine.number(row.get(11));
			rooms.add(new RoomAudit(room, QueryEngine.number(row.get(1)), QueryEngine.number(row.get(2)), waited,
					QueryEngine.number(row.get(4)), abandoned, (waited == 0) ? 0 : (double) abandoned / waited,
					QueryEngine.number(row.get(6)), QueryEngine.number(row.get(7)), QueryEngine.number(row.get(8)),
					QueryEngine.number(row.get(9)), QueryEngine.number(row.get(10)), withEwt,
					(withEwt == 0) ? 0 : (double) QueryEngine.number(row.get(12)) / withEwt,
					(withEwt == 0) ? 0 : (double) QueryEngine.number(row.get(13)) / withEwt,
					java.util.Collections.unmodifiableMap(new TreeMap<>(reasons.getOrDefault(room, Map.of()))),
					draws.get(room)));
		}
		return List.copyOf(rooms);
	}

}
