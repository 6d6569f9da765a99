package io.headcount.platform.events;

import java.time.Instant;

/** An anonymous visitor opened a session on a site. */
public record VisitorSessionOpened(String eventId, Instant occurredAt, String siteId,
		String sessionId) implements HeadcountEvent {

	@Override
	public String key() {
		return this.siteId;
	}

	@Override
	public String topic() {
		return Topics.SESSION_EVENTS;
	}

}
