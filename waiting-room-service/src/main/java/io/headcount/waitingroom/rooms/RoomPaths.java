package io.headcount.waitingroom.rooms;

/** The rooms' routes, named once for the mappings, the security rules and the page. */
public final class RoomPaths {

	public static final String ROOMS = "/v1/rooms";

	public static final String ROOM = ROOMS + "/{roomId}";

	public static final String SOLD_OUT = ROOM + "/sold-out";

	public static final String ENTRIES = ROOM + "/entries";

	public static final String MY_ENTRY = ENTRIES + "/me";

	public static final String HEARTBEAT = MY_ENTRY + "/heartbeat";

	/** A proof-of-work challenge for the join. */
	public static final String CHALLENGE = ROOM + "/challenge";

	/** The seed's join URL, on the default room. */
	public static final String SEED_JOIN = "/users/{userId}/webshop";

	/** The seed's heartbeat URL, on the default room. */
	public static final String SEED_HEARTBEAT = "/users/{userId}/actuator/health";

	/** The live push of one's place. */
	public static final String WEBSOCKET = "/ws/rooms/{roomId}";

	private RoomPaths() {
	}

}
