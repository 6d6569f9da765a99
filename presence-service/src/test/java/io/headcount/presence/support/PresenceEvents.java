package io.headcount.presence.support;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** Reads headcount.presence-events from the start, for the whole test JVM. */
public final class PresenceEvents {

	public static final String TOPIC = "headcount.presence-events";

	private PresenceEvents() {
	}

	/** PresenceChanged events of one user, in topic order. */
	public static List<JsonNode> of(String userId) {
		return TopicEvents.of(TOPIC, (event) -> event.path("userId").asString())
			.all()
			.stream()
			.filter((e) -> userId.equals(e.path("userId").asString()))
			.toList();
	}

	/** The statuses of one user's PresenceChanged events, in order. */
	public static List<String> statusesOf(String userId) {
		return of(userId).stream().map((e) -> e.path("status").asString()).toList();
	}

}
