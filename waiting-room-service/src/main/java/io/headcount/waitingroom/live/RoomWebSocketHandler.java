package io.headcount.waitingroom.live;

import java.net.URI;

import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.MessageRefusedException;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.waitingroom.rooms.InvalidRoomInput;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

/**
 * {@code /ws/rooms/{roomId}}: pushes the user's place in the room (position, EWT, and on
 * admission the redirect URL and token) whenever it changes; the connection itself is the
 * user's heartbeat. Joining is a REST call; a user not in the room hears {@code NONE}.
 */
class RoomWebSocketHandler extends JsonWebSocketHandler<ClientFrame> {

	private static final String ROOM = "waiting-room.room";

	private final Watchers watchers;

	RoomWebSocketHandler(Watchers watchers, WebSocketSessions sessions, JsonMapper json) {
		super(ClientFrame.class, sessions, json);
		this.watchers = watchers;
	}

	@Override
	protected void onOpen(LiveSession session) {
		URI uri = session.uri();
		String path = (uri != null) ? uri.getPath() : "";
		String roomId = path.substring(path.lastIndexOf('/') + 1);
		try {
			InvalidRoomInput.roomId(roomId);
		}
		catch (InvalidRoomInput ex) {
			session.close(CloseStatus.BAD_DATA.withReason(ex.getMessage()));
			return;
		}
		session.attributes().put(ROOM, roomId);
		this.watchers.watch(session, roomId);
	}

	@Override
	protected void onMessage(LiveSession session, ClientFrame frame) {
		if (!"heartbeat".equals(frame.type())) {
			throw new MessageRefusedException("invalid-frame", "the only frame is {\"type\":\"heartbeat\"}");
		}
		this.watchers.refresh(session, (String) session.attributes().get(ROOM));
	}

	@Override
	protected void onClose(LiveSession session, CloseStatus status) {
		Object roomId = session.attributes().get(ROOM);
		if (roomId != null) {
			this.watchers.unwatch(session, (String) roomId);
		}
	}

}
