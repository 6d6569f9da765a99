package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A waiting room dropped a user: from the queue or the shop after no heartbeat within the
 * timeout ({@code idle}), or from the shop when the shopping time was up
 * ({@code expired}). Whoever finds the deadline passed first (the admission loop, a
 * heartbeat) writes it, exactly once.
 *
 * @param reason {@code idle} or {@code expired}
 * @param ticket the ticket, when evicted from the queue
 * @param wasActive whether the user was in the shop (else in the queue)
 */
public record ShopperEvicted(String eventId, Instant occurredAt, String roomId, String userId, String reason,
		@Nullable Long ticket, boolean wasActive) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
