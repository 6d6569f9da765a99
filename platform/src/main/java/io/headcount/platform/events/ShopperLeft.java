package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A shopper left a waiting room on their own, from the queue or from the shop (a timeout
 * is {@link ShopperEvicted}).
 *
 * @param reason {@code left} (DELETE), or {@code purchased}
 * @param ticket the ticket, when the shopper left the queue
 * @param wasActive whether the shopper left the shop (else the queue)
 */
public record ShopperLeft(String eventId, Instant occurredAt, String roomId, String userId, String reason,
		@Nullable Long ticket, @Nullable Boolean wasActive) implements HeadcountEvent {

	public ShopperLeft(String eventId, Instant occurredAt, String roomId, String userId, String reason) {
		this(eventId, occurredAt, roomId, userId, reason, null, null);
	}

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
