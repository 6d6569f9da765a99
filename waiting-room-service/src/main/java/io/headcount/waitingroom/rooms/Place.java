package io.headcount.waitingroom.rooms;

import java.time.Instant;

import io.headcount.platform.redis.RedisCalls;
import org.jspecify.annotations.Nullable;

/**
 * Where a user stands in a room, as Redis saw it at {@code asOf}.
 *
 * @param state in the shop, waiting, or not in the room
 * @param position 1-based place in the queue when waiting, else 0
 * @param expectedAt the EWT's expected admission time when waiting
 * @param latestAt the EWT's guaranteed admission time when waiting (while the room stays
 * open)
 * @param shoppingEndsAt when the shopping time is up, when active
 * @param asOf Redis' time of the answer
 * @param ticket the place's ticket when waiting (its order in the queue), else 0
 */
public record Place(State state, long position, @Nullable Instant expectedAt, @Nullable Instant latestAt,
		@Nullable Instant shoppingEndsAt, Instant asOf, long ticket) {

	public enum State {

		ACTIVE, WAITING, NONE

	}

	static Place of(Object state, Object position, Object expected, Object latest, Object ends, Object ticket,
			long now) {
		Instant asOf = Instant.ofEpochMilli(now);
		return switch (state.toString()) {
			case "A" -> new Place(State.ACTIVE, 0, asOf, asOf, Instant.ofEpochMilli(RedisCalls.asLong(ends)), asOf,
					RedisCalls.asLong(ticket));
			case "W" ->
				new Place(State.WAITING, RedisCalls.asLong(position), Instant.ofEpochMilli(RedisCalls.asLong(expected)),
						Instant.ofEpochMilli(RedisCalls.asLong(latest)), null, asOf, RedisCalls.asLong(ticket));
			default -> new Place(State.NONE, 0, null, null, null, asOf, 0);
		};
	}

}
