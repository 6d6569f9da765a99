package io.headcount.statsbatch.counters;

import java.util.List;

/**
 * The day's counter audit.
 *
 * @param status {@code compared}, or {@code unavailable: …} when Redis could not be read
 * (the recount is still reported)
 * @param counters counters (object and name) changed that day
 * @param changes their applied changes
 * @param drifts every value and bucket that differs from the recount, in object, counter,
 * granularity and time order
 * @param top the most changed counters of the day
 */
public record CounterAudit(String status, long counters, long changes, List<CounterDrift> drifts,
		List<CounterTotal> top) {

	public static final String COMPARED = "compared";

	public static CounterAudit empty() {
		return new CounterAudit(COMPARED, 0, 0, List.of(), List.of());
	}

}
