package io.headcount.platform.events;

import java.time.Instant;

/** A shopper was admitted from the queue into the shop (became active). */
public record ShopperAdmitted(String eventId, Instant occurredAt, String roomId,
		String userId) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
