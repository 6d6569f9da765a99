package io.headcount.presence.visitors;

import java.util.List;

import io.headcount.presence.support.TopicEvents;
import tools.jackson.databind.JsonNode;

/** headcount.session-events as the tests read it (keyed by session id). */
final class SessionEvents {

	static final String TOPIC = "headcount.session-events";

	private SessionEvents() {
	}

	static List<JsonNode> ofSite(String siteId) {
		return TopicEvents.of(TOPIC, (event) -> event.path("sessionId").asString())
			.all()
			.stream()
			.filter((e) -> siteId.equals(e.path("siteId").asString()))
			.toList();
	}

	static List<JsonNode> ofSession(String siteId, String sessionId) {
		return ofSite(siteId).stream().filter((e) -> sessionId.equals(e.path("sessionId").asString())).toList();
	}

	/**
	 * Distinct event ids of one type of one session (a relay may send a record twice).
	 */
	static long distinct(List<JsonNode> events, String type) {
		return events.stream()
			.filter((e) -> type.equals(e.path("type").asString()))
			.map((e) -> e.path("eventId").asString())
			.distinct()
			.count();
	}

}
