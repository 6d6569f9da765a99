package io.headcount.statsbatch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.headcount.platform.events.CounterChanged;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.counters.CounterAudit;
import io.headcount.statsbatch.counters.CounterAuditReport;
import io.headcount.statsbatch.counters.CounterTotal;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.SyntheticOthers;
import io.headcount.statsbatch.presence.PresenceDay;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.sessions.SessionRules;
import io.headcount.statsbatch.waitingroom.DrawCheck;
import io.headcount.statsbatch.waitingroom.RoomAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The presence summary and the waiting-room audit on generated events whose answers are
 * known: 50 users online for 30 minutes each, one minute apart; a drop of 200 shoppers
 * with 20 admitted at once, 10 who gave up, two pairs admitted out of turn, 20 sent away
 * idle and 10 whose time was up.
 */
class PresenceAndRoomsReportTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 5);

	@TempDir
	Path directory;

	@Test
	void presenceAndWaitingRoomFiguresAreTheKnownAnswers() {
		ArchiveFiles archive = new ArchiveFiles(this.directory);
		SyntheticOthers.write(DAY, archive);
		DayReport report;
		try (QueryEngine engine = EngineSettings.duckdb().open()) {
			report = new ReportJob(archive, SessionRules.defaults(), null, this.directory.resolve("reports"))
				.compute(engine, DAY, Progress.of("test"));
		}
		PresenceDay presence = report.presence();
		assertThat(presence.peakOnline()).isEqualTo(30);
		assertThat(presence.peakMinute()).isEqualTo("10:29");
		assertThat(presence.onlinePerMinute()[599]).isZero();
		assertThat(presence.onlinePerMinute()[600]).isEqualTo(1);
		assertThat(presence.onlinePerMinute()[678]).as("the last user, offline at 11:19:00").isEqualTo(1);
		assertThat(presence.onlinePerMinute()[679]).isZero();
		assertThat(presence.changes()).isEqualTo(2L * SyntheticOthers.USERS);
		assertThat(presence.usersOnline()).isEqualTo(SyntheticOthers.USERS);
		assertThat(presence.transitions()).containsExactly(new PresenceDay.Transition("offline", "online", 50),
				new PresenceDay.Transition("online", "offline", 50));

		assertThat(report.rooms()).extracting(RoomAudit::roomId).containsExactly("draw-1", "drop-1");
		RoomAudit draw = report.rooms().getFirst();
		assertThat(draw.draw()).as("the draw recomputed from its seed: every ticket and admission as drawn")
			.isEqualTo(new DrawCheck(SyntheticOthers.DRAWN, SyntheticOthers.DRAWN, SyntheticOthers.DRAWN, 0, 0));
		RoomAudit room = report.rooms().get(1);
		assertThat(room.draw()).as("no opening time, no draw").isNull();
		assertThat(room.joined()).isEqualTo(SyntheticOthers.SHOPPERS);
		assertThat(room.admittedAtOnce()).isEqualTo(SyntheticOthers.AT_ONCE);
		assertThat(room.waited()).isEqualTo(SyntheticOthers.SHOPPERS - SyntheticOthers.AT_ONCE);
		assertThat(room.admitted()).isEqualTo(SyntheticOthers.SHOPPERS - SyntheticOthers.ABANDONED);
		assertThat(room.abandoned()).isEqualTo(SyntheticOthers.ABANDONED);
		assertThat(room.fifoViolations()).isEqualTo(SyntheticOthers.SWAPS);
		assertThat(room.leftByReason()).isEqualTo(Map.of("idle", 20L, "expired", 10L, "left", 150L));
		assertThat(room.waitP50Millis()).isPositive();
		assertThat(room.waitMaxMillis()).isGreaterThanOrEqualTo(room.waitP99Millis());
		assertThat(room.withEwt()).isEqualTo(170);

		List<CounterChanged> changes = SyntheticOthers.counterEvents(DAY, "post", 5);
		CounterAudit counters = report.counters();
		assertThat(counters.changes()).as("the re-sent record counts once").isEqualTo(changes.size());
		assertThat(counters.counters()).isEqualTo(3L * SyntheticOthers.COUNTER_OBJECTS);
		assertThat(counters.status()).startsWith("unavailable");
		assertThat(counters.drifts()).isEmpty();
		assertThat(counters.top()).hasSize(CounterAuditReport.TOP);
		for (CounterTotal total : counters.top()) {
			List<CounterChanged> own = changes.stream()
				.filter((c) -> c.objectId().equals(total.objectId()) && c.counter().equals(total.counter()))
				.toList();
			assertThat(total.changes()).isEqualTo(own.size());
			assertThat(total.net()).isEqualTo(own.stream().mapToLong(CounterChanged::delta).sum());
			assertThat(total.lastValue()).isEqualTo(own.getLast().value());
		}
		assertThat(counters.top().getFirst().changes()).isGreaterThanOrEqualTo(counters.top().getLast().changes());
	}

}
