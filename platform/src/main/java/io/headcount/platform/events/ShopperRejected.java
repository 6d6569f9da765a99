package io.headcount.platform.events;

import java.time.Instant;

/**
 * A join was refused with 429 because the shop and the queue were both full.
 *
 * @param reason {@code full}
 * @param waiting people in the queue at the refusal
 * @param active shoppers in the shop at the refusal
 */
public record ShopperRejected(String eventId, Instant occurredAt, String roomId, String userId, String reason,
		long waiting, long active) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
