package io.headcount.waitingroom.rooms;

/** A room id, user or setting the client got wrong. */
public class InvalidRoomInput extends RuntimeException {

	public InvalidRoomInput(String message) {
		super(message);
	}

	/** The room id, if well formed. @throws InvalidRoomInput */
	public static String roomId(String roomId) {
		if (!RoomKeys.ROOM_ID.matcher(roomId).matches()) {
			throw new InvalidRoomInput("A room id is 1 to 64 characters a-z 0-9 _ - starting with a letter or digit");
		}
		return roomId;
	}

}
