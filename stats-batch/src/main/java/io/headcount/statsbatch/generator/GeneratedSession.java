package io.headcount.statsbatch.generator;

/**
 * A generated session and the answer the report must find for it.
 *
 * @param startMillis the open
 * @param endMillis where the report must end it (client close, last activity of a
 * timed-out one, or open + timeout when no close was written)
 * @param kind {@code human}, {@code bot} or {@code spam}
 * @param close {@code client}, {@code timed-out} or {@code injected}
 */
public record GeneratedSession(String siteId, String sessionId, long startMillis, long endMillis, String kind,
		String close) {

}
