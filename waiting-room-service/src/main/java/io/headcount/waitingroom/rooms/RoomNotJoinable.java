package io.headcount.waitingroom.rooms;

/** The room is closed or sold out: it takes no one new. */
class RoomNotJoinable extends RuntimeException {

	private final RoomState state;

	RoomNotJoinable(String roomId, RoomState state) {
		super("Waiting room '" + roomId + "' is " + state.name().toLowerCase().replace('_', ' '));
		this.state = state;
	}

	RoomState state() {
		return this.state;
	}

}
