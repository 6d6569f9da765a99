package io.headcount.platform.events;

import java.time.Instant;

/**
 * A visitor session ended.
 *
 * @param reason {@code closed} (the client said so) or {@code timed-out} (no heartbeat in
 * time)
 */
public record VisitorSessionClosed(String eventId, Instant occurredAt, String siteId, String sessionId,
		String reason) implements HeadcountEvent {

	/** The client closed the session (e.g. {@code navigator.sendBeacon} on page hide). */
	public static final String CLOSED = "closed";

	/** The sweeper closed it: no heartbeat within the timeout. */
	public static final String TIMED_OUT = "timed-out";

	@Override
	public String key() {
		return this.siteId;
	}

	@Override
	public String topic() {
		return Topics.SESSION_EVENTS;
	}

}
