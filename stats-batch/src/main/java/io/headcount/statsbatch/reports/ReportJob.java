package io.headcount.statsbatch.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.counters.CounterAudit;
import io.headcount.statsbatch.counters.CounterAuditReport;
import io.headcount.statsbatch.counters.CounterState;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.presence.PresenceDay;
import io.headcount.statsbatch.presence.PresenceReport;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.sessions.FastPathComparison;
import io.headcount.statsbatch.sessions.FastPathSource;
import io.headcount.statsbatch.sessions.SessionRules;
import io.headcount.statsbatch.sessions.SessionsDay;
import io.headcount.statsbatch.sessions.SessionsReport;
import io.headcount.statsbatch.waitingroom.RoomAudit;
import io.headcount.statsbatch.waitingroom.WaitingRoomReport;
import org.jspecify.annotations.Nullable;

/** Computes one day's report on an engine and writes its files. */
public final class ReportJob {

	private final SessionsReport sessions;

	private final SessionRules rules;

	private final PresenceReport presence;

	private final WaitingRoomReport rooms;

	private final @Nullable FastPathSource fastPath;

	private final CounterAuditReport counterAudit;

	private final @Nullable CounterState counters;

	private final Path output;

	/**
	 * @param fastPath where the fast path's counts are read, or {@code null} to skip the
	 * comparison
	 */
	public ReportJob(ArchiveFiles archive, SessionRules rules, @Nullable FastPathSource fastPath, Path output) {
		this(archive, rules, fastPath, null, output);
	}

	/**
	 * @param fastPath where the fast path's counts are read, or {@code null} to skip the
	 * comparison
	 * @param counters where the live counters are read, or {@code null} to report the
	 * recount only
	 */
	public ReportJob(ArchiveFiles archive, SessionRules rules, @Nullable FastPathSource fastPath,
			@Nullable CounterState counters, Path output) {
		this.counterAudit = new CounterAuditReport(archive);
		this.counters = counters;
		this.sessions = new SessionsReport(archive, rules);
		this.rules = rules;
		this.presence = new PresenceReport(archive, rules.lookAround());
		this.rooms = new WaitingRoomReport(archive, rules.lookAround());
		this.fastPath = fastPath;
		this.output = output;
	}

	public DayReport compute(QueryEngine engine, LocalDate day, Progress progress) {
		progress.phase("sessions of " + day + " on " + engine.name());
		SessionsDay sessions = this.sessions.run(engine, day);
		progress.phase("fast path of " + day);
		List<FastPathComparison> comparison = (this.fastPath != null) ? FastPathSource.compare(this.fastPath, sessions)
				: sessions.sites()
					.stream()
					.map((site) -> FastPathSource.unavailable(site.siteId(), "no InfluxDB configured"))
					.toList();
		progress.phase("presence of " + day);
		PresenceDay presence = this.presence.run(engine, day);
		progress.phase("waiting rooms of " + day);
		List<RoomAudit> rooms = this.rooms.run(engine, day);
		progress.phase("counters of " + day);
		CounterAudit counters = this.counterAudit.run(engine, day, this.counters);
		return new DayReport(day, this.rules, sessions, comparison, presence, rooms, counters);
	}

	/** Computes and writes the day; returns its directory. */
	public Path run(QueryEngine engine, LocalDate day, Progress progress) {
		DayReport report = compute(engine, day, progress);
		progress.phase("writing the report of " + day);
		Path directory = ReportWriter.write(report, this.output);
		progress.fileWritten();
		return directory;
	}

}
