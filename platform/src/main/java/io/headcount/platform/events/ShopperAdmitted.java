package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A shopper was admitted from the queue into the shop (became active).
 *
 * @param ticket the ticket the shopper joined with: within a room, admissions follow
 * tickets in ascending order (FIFO)
 * @param shoppingEndsAt when the shopping time is up
 * @param active shoppers in the shop after this admission (never above capacity)
 */
public record ShopperAdmitted(String eventId, Instant occurredAt, String roomId, String userId, @Nullable Long ticket,
		@Nullable Instant shoppingEndsAt, @Nullable Long active) implements HeadcountEvent {

	public ShopperAdmitted(String eventId, Instant occurredAt, String roomId, String userId) {
		this(eventId, occurredAt, roomId, userId, null, null, null);
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
