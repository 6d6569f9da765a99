package io.headcount.waitingroom.rooms;

/** The shop and the queue are both full: the join was refused (and counted). */
class RoomFull extends RuntimeException {

	RoomFull(String roomId, long waiting) {
		super("Waiting room '" + roomId + "' is full: the shop is full and " + waiting + " people are waiting");
	}

}
