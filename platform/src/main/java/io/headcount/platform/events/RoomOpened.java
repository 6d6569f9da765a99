package io.headcount.platform.events;

import java.time.Instant;

/**
 * A waiting room with an opening time opened: the order of those who joined before it was
 * drawn with {@code drawSeed}, published now (secret before), so that anyone can
 * recompute it from the seed and the joins: ascending by the first 32 bits of
 * SHA-1({@code drawSeed:userId}) as an unsigned number, ties by user id.
 *
 * @param opensAt the configured opening time ({@code occurredAt} is when an instance
 * found it passed)
 * @param drawn people waiting in the drawn order at the opening
 */
public record RoomOpened(String eventId, Instant occurredAt, String roomId, Instant opensAt, String drawSeed,
		long drawn) implements HeadcountEvent {

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
