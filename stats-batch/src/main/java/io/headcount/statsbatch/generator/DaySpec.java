package io.headcount.statsbatch.generator;

import java.time.LocalDate;

/**
 * What a synthetic day holds.
 *
 * @param sessions visitor sessions opened during the day (two events each, one when the
 * close is missing)
 * @param sites sites {@code site-1} … {@code site-N}; site {@code i}'s timeout is
 * {@code 30 s × i}
 * @param lostCloseRate share of sessions the client never closed: the fast path's timeout
 * ends them ({@code timed-out} close)
 * @param missingCloseRate share of sessions with no close event at all
 * @param botShare share of sessions opened by bots
 * @param spamBursts addresses that each open {@code 100} sessions within one minute
 * @param duplicateRate share of events written twice (an outbox re-send, same eventId)
 * @param seed the random seed: the same spec gives the same events
 */
public record DaySpec(LocalDate day, int sessions, int sites, double lostCloseRate, double missingCloseRate,
		double botShare, int spamBursts, double duplicateRate, long seed) {

	public static DaySpec small(LocalDate day) {
		return new DaySpec(day, 3_000, 3, 0.2, 0.02, 0.05, 2, 0.01, 42);
	}

	public DaySpec withSessions(int count) {
		return new DaySpec(this.day, count, this.sites, this.lostCloseRate, this.missingCloseRate, this.botShare,
				this.spamBursts, this.duplicateRate, this.seed);
	}

	public DaySpec withSeed(long value) {
		return new DaySpec(this.day, this.sessions, this.sites, this.lostCloseRate, this.missingCloseRate,
				this.botShare, this.spamBursts, this.duplicateRate, value);
	}

}
