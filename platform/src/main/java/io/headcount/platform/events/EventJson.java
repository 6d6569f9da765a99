package io.headcount.platform.events;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of {@link HeadcountEvent}s, shared by publishers and consumers so
 * that both agree on it without a Spring context (stats-batch reads archived events with
 * it too).
 */
public final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// ISO-8601 instants: readable in the archive and in docs/events.md
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		// a newer producer may add fields; an older consumer must still read the event
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private EventJson() {
	}

	/** The mapper, for consumers that stream or need a tree. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** {@code {"type":"PresenceChanged","version":1,...}}. */
	public static String write(HeadcountEvent event) {
		return MAPPER.writeValueAsString(event);
	}

	public static byte[] writeBytes(HeadcountEvent event) {
		return write(event).getBytes(StandardCharsets.UTF_8);
	}

	/** Reads any event; the {@code type} field picks the record. */
	public static HeadcountEvent read(String json) {
		return MAPPER.readValue(json, HeadcountEvent.class);
	}

	public static HeadcountEvent read(byte[] json) {
		return MAPPER.readValue(json, HeadcountEvent.class);
	}

	/** Reads an event that must be of the given type. */
	public static <T extends HeadcountEvent> T read(String json, Class<T> type) {
		HeadcountEvent event = read(json);
		if (!type.isInstance(event)) {
			throw new IllegalArgumentException(
					"Expected a " + type.getSimpleName() + " but got a " + event.getClass().getSimpleName());
		}
		return type.cast(event);
	}

}
