package io.headcount.waitingroom.rooms;

/** No room has this id. */
public class UnknownRoom extends RuntimeException {

	UnknownRoom(String roomId) {
		super("No waiting room '" + roomId + "'");
	}

}
