package io.headcount.platform.events;

import java.time.Instant;

/**
 * An operator marked a waiting room sold out: its queue was dropped at once and it takes
 * no one new; the shoppers in the shop finish.
 *
 * @param waitingDropped people who were waiting
 * @param active shoppers still in the shop
 */
public record RoomSoldOut(String eventId, Instant occurredAt, String roomId, long waitingDropped,
		long active) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
