package io.headcount.presence.status;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user sets and what others see; {@link #INVISIBLE} is shown to others as
 * {@link #OFFLINE}.
 */
public enum PresenceStatus {

	ONLINE, AWAY, OFFLINE, INVISIBLE;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status other users see. */
	public PresenceStatus publicView() {
		return (this == INVISIBLE) ? OFFLINE : this;
	}

	/** Connected in any form (online, away or invisible). */
	public boolean isConnected() {
		return this != OFFLINE;
	}

	@JsonCreator
	public static PresenceStatus of(String value) {
		if (value != null) {
			for (PresenceStatus status : values()) {
				if (status.value().equals(value)) {
					return status;
				}
			}
		}
		throw new IllegalArgumentException(
				"Unknown status '" + value + "': expected online, away, offline or invisible");
	}

}
