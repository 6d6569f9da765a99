package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user's visible presence changed.
 *
 * @param status one of {@code online}, {@code away}, {@code offline}, {@code invisible}
 * @param previousStatus the effective status before; presence-service sends
 * {@code offline} for a user's first change, never {@code null}
 * @param lastActiveAt the last time the user was active on any device
 * @param deviceId the device that caused the change, if any
 * @param reason why it changed, e.g. {@code set}, {@code heartbeat}, {@code timed-out}
 */
public record PresenceChanged(String eventId, Instant occurredAt, String userId, String status,
		@Nullable String previousStatus, @Nullable Instant lastActiveAt, @Nullable String deviceId,
		@Nullable String reason) implements HeadcountEvent {

	@Override
	public String key() {
		return this.userId;
	}

	@Override
	public String topic() {
		return Topics.PRESENCE_EVENTS;
	}

}
