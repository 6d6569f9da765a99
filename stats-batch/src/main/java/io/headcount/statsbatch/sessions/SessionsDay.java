package io.headcount.statsbatch.sessions;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The sessions report of one UTC day.
 *
 * @param sites per site, by site id
 * @param minuteCurves per site: visitors present in each of the day's 1,440 minutes
 * @param minuteMaxima per site: the most visitors in one second of each minute
 * @param secondCurves per site: visitors in each of the day's 86,400 seconds
 */
public record SessionsDay(LocalDate day, List<SiteSessions> sites, Map<String, long[]> minuteCurves,
		Map<String, long[]> minuteMaxima, Map<String, long[]> secondCurves) {

}
