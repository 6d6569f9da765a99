package io.headcount.statsbatch.waitingroom;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One waiting room's day.
 *
 * @param joined shoppers who joined that day; {@code admittedAtOnce} of them went
 * straight in, {@code waited} queued
 * @param admitted admitted into the shop
 * @param abandoned queued and left before being admitted
 * @param fifoViolations queued shoppers admitted after someone who joined later (must be
 * 0)
 * @param waitP50Millis wait from join to admission (nearest rank), -1 when nobody waited
 * @param ewtMeanAbsoluteErrorMillis mean |admission − expected admission| of those given
 * an EWT
 * @param boundKeptRate share of them admitted no later than the guaranteed bound
 * @param leftByReason departures by reason ({@code idle} and {@code expired} are
 * evictions)
 * @param draw the opening draw of the day recomputed from its seed, null when the room
 * did not open by a draw that day
 */
public record RoomAudit(String roomId, long joined, long admittedAtOnce, long waited, long admitted, long abandoned,
		double abandonmentRate, long fifoViolations, long waitP50Millis, long waitP90Millis, long waitP99Millis,
		long waitMaxMillis, long withEwt, double ewtMeanAbsoluteErrorMillis, double boundKeptRate,
		Map<String, Long> leftByReason, @Nullable DrawCheck draw) {

}
