package io.headcount.statsbatch.sessions;

import org.jspecify.annotations.Nullable;

/**
 * One site's sessions on one day. Counts are of the sessions opened that day; bots and
 * spam are counted and left out of every other figure.
 *
 * @param sessions human sessions (neither bot nor spam)
 * @param clientCloses closed by the client
 * @param timedOutCloses ended by the fast path's timeout (a lost close)
 * @param injectedCloses without any close event: ended by the report at the open plus the
 * site's timeout
 * @param lostCloseRate (timed-out + injected) / sessions
 * @param p50Millis session length percentiles (nearest rank), null without sessions
 * @param maxPerSecond most visitors in one second, {@code peakSecond} the first such
 * second (UTC, {@code HH:mm:ss})
 * @param meanPerSecond mean over the day's 86,400 seconds
 * @param maxPerMinute most visitors present in one minute, at {@code peakMinute}
 * ({@code HH:mm})
 * @param meanPerMinute mean over the day's 1,440 minutes
 */
public record SiteSessions(String siteId, long sessions, long botSessions, long spamSessions, long clientCloses,
		long timedOutCloses, long injectedCloses, double lostCloseRate, @Nullable Long p50Millis,
		@Nullable Long p90Millis, @Nullable Long p99Millis, long maxPerSecond, double meanPerSecond, String peakSecond,
		long maxPerMinute, double meanPerMinute, String peakMinute) {

}
