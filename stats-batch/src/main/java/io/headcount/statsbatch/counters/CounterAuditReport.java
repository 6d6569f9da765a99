package io.headcount.statsbatch.counters;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.headcount.platform.redis.RedisUnavailableException;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.counters.CounterKeyLayout.Granularity;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.engine.SqlScript;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code counters.sql} for one day (the recount) and compares it with Redis: each
 * minute, hour and day bucket of the day, and the live value against the value after the
 * last archived change.
 */
public final class CounterAuditReport {

	/** How many counters "top of the day" lists. */
	public static final int TOP = 10;

	private static final SqlScript SQL = SqlScript.load(CounterAuditReport.class, "counters.sql");

	private final ArchiveFiles archive;

	public CounterAuditReport(ArchiveFiles archive) {
		this.archive = archive;
	}

	/** The recount of the day: per counter its total and its minute buckets. */
	public Recount recount(QueryEngine engine, LocalDate day) {
		long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		ArchiveTable table = ArchiveTable.COUNTER_EVENTS;
		LocalDate last = this.archive.lastDay(table);
		engine.register(table.tableName(),
				this.archive.files(table, day, (last == null || last.isBefore(day)) ? day : last), table.emptySelect());
		Map<String, List<List<@Nullable Object>>> results = SQL.run(engine,
				Map.of("day_start_ms", dayStart, "day_end_ms", dayStart + 86_400_000L));
		Map<ObjectCounter, Map<Long, Long>> minutes = new TreeMap<>();
		for (List<@Nullable Object> row : results.get("minutes")) {
			long net = QueryEngine.number(row.get(3));
			if (net != 0) {
				minutes
					.computeIfAbsent(new ObjectCounter((String) row.get(0), (String) row.get(1)),
							(key) -> new TreeMap<>())
					.put(QueryEngine.number(row.get(2)), net);
			}
		}
		Map<ObjectCounter, CounterTotal> totals = new TreeMap<>();
		for (List<@Nullable Object> row : results.get("objects")) {
			CounterTotal total = new CounterTotal((String) row.get(0), (String) row.get(1),
					QueryEngine.number(row.get(2)), QueryEngine.number(row.get(3)), QueryEngine.number(row.get(4)));
			totals.put(new ObjectCounter(total.objectId(), total.counter()), total);
		}
		return new Recount(day, totals, minutes);
	}

	/** The day's audit: the recount compared with {@code state} (null: not compared). */
	public CounterAudit run(QueryEngine engine, LocalDate day, @Nullable CounterState state) {
		Recount recount = recount(engine, day);
		String status = CounterAudit.COMPARED;
		List<CounterDrift> drifts = List.of();
		if (state == null) {
			status = "unavailable: no Redis configured";
		}
		else {
			try {
				drifts = compare(recount, state.read(recount.totals().keySet(), day));
			}
			catch (RedisUnavailableException ex) {
				status = "unavailable: " + ex.getMessage();
			}
		}
		long changes = recount.totals().values().stream().mapToLong(CounterTotal::changes).sum();
		List<CounterTotal> top = recount.totals()
			.values()
			.stream()
			.sorted(Comparator.comparingLong(CounterTotal::changes)
				.reversed()
				.thenComparing(CounterTotal::objectId)
				.thenComparing(CounterTotal::counter))
			.limit(TOP)
			.toList();
		return new CounterAudit(status, recount.totals().size(), changes, drifts, top);
	}

	/**
	 * Every bucket and live value of the recounted counters that Redis holds otherwise.
	 */
	public static List<CounterDrift> compare(Recount recount, Map<ObjectCounter, CounterState.Observed> observed) {
		List<CounterDrift> drifts = new ArrayList<>();
		recount.totals().forEach((counter, total) -> {
			CounterState.Observed live = observed.get(counter);
			Map<Granularity, Map<Long, Long>> expected = recount.buckets(counter);
			for (Granularity granularity : Granularity.values()) {
				Map<Long, Long> want = expected.get(granularity);
				Map<Long, Long> have = (live != null) ? live.buckets().getOrDefault(granularity, Map.of()) : Map.of();
				TreeSet<Long> starts = new TreeSet<>(want.keySet());
				starts.addAll(have.keySet());
				for (long start : starts) {
					long a = want.getOrDefault(start, 0L);
					long b = have.getOrDefault(start, 0L);
					if (a != b) {
						drifts.add(new CounterDrift(counter.objectId(), counter.counter(), granularity.label(), start,
								a, b));
					}
				}
			}
			Long value = (live != null) ? live.value() : null;
			if (value == null || value != total.lastValue()) {
				drifts.add(new CounterDrift(counter.objectId(), counter.counter(), CounterDrift.VALUE, -1,
						total.lastValue(), (value == null) ? 0 : value));
			}
		});
		return List.copyOf(drifts);
	}

	/**
	 * The day recounted from the events.
	 *
	 * @param minutes each counter's non-zero minute buckets (epoch seconds of the start)
	 */
	public record Recount(LocalDate day, Map<ObjectCounter, CounterTotal> totals,
			Map<ObjectCounter, Map<Long, Long>> minutes) {

		/**
		 * A counter's minute, hour and day buckets: hours and the day summed from
		 * minutes.
		 */
		public Map<Granularity, Map<Long, Long>> buckets(ObjectCounter counter) {
			Map<Granularity, Map<Long, Long>> buckets = new EnumMap<>(Granularity.class);
			Map<Long, Long> minutes = this.minutes.getOrDefault(counter, Map.of());
			buckets.put(Granularity.MINUTE, minutes);
			for (Granularity coarser : List.of(Granularity.HOUR, Granularity.DAY)) {
				Map<Long, Long> sums = new TreeMap<>();
				minutes.forEach((start, net) -> sums.merge(coarser.bucketOf(start), net, Long::sum));
				sums.values().removeIf((net) -> net == 0);
				buckets.put(coarser, sums);
			}
			return buckets;
		}

	}

}
