package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An anonymous visitor opened a session on a site.
 *
 * @param objectId the page or object the session started on, if it said
 * @param bot whether the user agent looks like a crawler or an automated browser
 * @param addressHash a salted hash of the client address (never the address itself): the
 * same address gives the same hash on every instance for one UTC day
 * @param timeoutMillis the site's session timeout when the session opened: a reader that
 * never sees the close can end the session at its last activity plus this
 */
public record VisitorSessionOpened(String eventId, Instant occurredAt, String siteId, String sessionId,
		@Nullable String objectId, boolean bot, String addressHash, long timeoutMillis) implements HeadcountEvent {

	/** Keyed by session: one session's events stay in order, a big site spreads. */
	@Override
	public String key() {
		return this.sessionId;
	}

	@Override
	public String topic() {
		return Topics.SESSION_EVENTS;
	}

}
