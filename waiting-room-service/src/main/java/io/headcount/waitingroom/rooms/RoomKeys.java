package io.headcount.waitingroom.rooms;

import java.util.regex.Pattern;

/**
 * The Redis keys of one room, all under the room's hash tag {@code {room:<id>}} so that
 * one script call changes them together (room.lua lists them), and the index of rooms.
 */
final class RoomKeys {

	/** Room ids are short, URL-safe and a bounded metric tag. */
	static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	/** Every room ever configured (a set), for the admission loop and the list. */
	static final String INDEX = "wr:{rooms}:index";

	private RoomKeys() {
	}

	static String tag(String roomId) {
		return "{room:" + roomId + "}";
	}

	/** The KEYS of room.lua. */
	static String[] of(String roomId) {
		String prefix = "wr:" + tag(roomId) + ":";
		return new String[] { prefix + "config", prefix + "seq", prefix + "queue", prefix + "beats", prefix + "active",
				prefix + "ends", prefix + "log" };
	}

	static String config(String roomId) {
		return "wr:" + tag(roomId) + ":config";
	}

}
