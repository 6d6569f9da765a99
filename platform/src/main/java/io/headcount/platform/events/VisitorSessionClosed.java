package io.headcount.platform.events;

import java.time.Instant;

/**
 * A visitor session ended; every opened session ends with exactly one of these.
 *
 * @param reason {@code client} (the page said so, e.g. {@code navigator.sendBeacon} on
 * page hide) or {@code timed-out} (no heartbeat within the timeout)
 * @param lastActivityAt the session's last open or heartbeat: where a timed-out session
 * really ended
 */
public record VisitorSessionClosed(String eventId, Instant occurredAt, String siteId, String sessionId, String reason,
		Instant lastActivityAt) implements HeadcountEvent {

	/** The client closed the session. */
	public static final String CLIENT = "client";

	/** No heartbeat within the timeout (found by a sweep, a read or a late heartbeat). */
	public static final String TIMED_OUT = "timed-out";

	/** Keyed by session, like {@link VisitorSessionOpened}. */
	@Override
	public String key() {
		return this.sessionId;
	}

	@Override
	public String topic() {
		return Topics.SESSION_EVENTS;
	}

}
