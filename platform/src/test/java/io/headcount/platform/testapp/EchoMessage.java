package io.headcount.platform.testapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the test endpoint understands. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = EchoMessage.Echo.class, name = "echo"),
		@JsonSubTypes.Type(value = EchoMessage.Burst.class, name = "burst"),
		@JsonSubTypes.Type(value = EchoMessage.Refuse.class, name = "refuse"),
		@JsonSubTypes.Type(value = EchoMessage.Flood.class, name = "flood") })
sealed interface EchoMessage {

	/** Answered with {@code {"type":"echo","text":...,"userId":...}}. */
	record Echo(String text) implements EchoMessage {
	}

	/** {@code count} coalesced updates for one key, as fast as possible. */
	record Burst(String key, int count) implements EchoMessage {
	}

	/**
	 * {@code count} distinct messages of about {@code size} characters each, sent at once
	 * from many threads.
	 */
	record Flood(int count, int size) implements EchoMessage {
	}

	/** Answered with an error frame; the connection stays open. */
	record Refuse() implements EchoMessage {
	}

}
