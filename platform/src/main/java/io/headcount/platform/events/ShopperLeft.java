package io.headcount.platform.events;

import java.time.Instant;

/**
 * A shopper left a waiting room, from the queue or from the shop.
 *
 * @param reason e.g. {@code left}, {@code idle} (missed heartbeats), {@code expired} (max
 * shopping time), {@code purchased}
 */
public record ShopperLeft(String eventId, Instant occurredAt, String roomId, String userId,
		String reason) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
