package io.headcount.statsbatch.reports;

import java.time.LocalDate;
import java.util.List;

import io.headcount.statsbatch.counters.CounterAudit;
import io.headcount.statsbatch.presence.PresenceDay;
import io.headcount.statsbatch.sessions.FastPathComparison;
import io.headcount.statsbatch.sessions.SessionRules;
import io.headcount.statsbatch.sessions.SessionsDay;
import io.headcount.statsbatch.waitingroom.RoomAudit;

/**
 * Everything one day's report shows. Holds nothing about the run (engine, time, host), so
 * the same events give the same bytes whoever computes them.
 */
public record DayReport(LocalDate day, SessionRules rules, SessionsDay sessions, List<FastPathComparison> fastPath,
		PresenceDay presence, List<RoomAudit> rooms, CounterAudit counters) {

}
