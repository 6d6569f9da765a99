package io.headcount.presence.subscriptions;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.headcount.presence.status.PresenceStatus;

/**
 * What a client sends on /ws/presence. {@code id} is optional and echoed in the answer. A
 * frame of another {@code type}, or with a status that does not exist, is not a message
 * this endpoint understands: platform closes the connection with 1003.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ClientFrame.Subscribe.class, name = "subscribe"),
		@JsonSubTypes.Type(value = ClientFrame.Unsubscribe.class, name = "unsubscribe"),
		@JsonSubTypes.Type(value = ClientFrame.Heartbeat.class, name = "heartbeat"),
		@JsonSubTypes.Type(value = ClientFrame.SetStatus.class, name = "status") })
sealed interface ClientFrame {

	String id();

	/** Watch these users: a snapshot now, then their changes. */
	record Subscribe(String id, List<String> userIds) implements ClientFrame {
	}

	/** Stop watching these users. */
	record Unsubscribe(String id, List<String> userIds) implements ClientFrame {
	}

	/**
	 * The connection's device is alive (the server also heartbeats open connections
	 * itself).
	 */
	record Heartbeat(String id) implements ClientFrame {
	}

	/**
	 * Sets the status of the connection's device ({@code offline}: the device leaves).
	 */
	record SetStatus(String id, PresenceStatus status) implements ClientFrame {
	}

}
