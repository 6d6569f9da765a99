package io.headcount.platform.testapp;

import java.util.Map;

import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.WebSocketSessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** The platform's WebSocket plumbing as a service would use it. */
@Component
@ConditionalOnWebApplication // the Redis and Kafka tests run without a web server
class EchoWebSocketHandler extends JsonWebSocketHandler<EchoMessage> {

	EchoWebSocketHandler(WebSocketSessions sessions, JsonMapper json) {
		super(EchoMessage.class, sessions, json);
	}

	@Override
	protected void onMessage(LiveSession session, EchoMessage message) {
		switch (message) {
			case EchoMessage.Echo echo ->
				session.send(Map.of("type", "echo", "text", echo.text(), "userId", session.userId()));
			case EchoMessage.Burst burst -> {
				for (int i = 0; i < burst.count(); i++) {
					session.offer(burst.key(), Map.of("type", "update", "key", burst.key(), "value", i));
				}
			}
			case EchoMessage.Refuse refuse -> session.sendError("refused", "this endpoint refuses politely");
			case EchoMessage.Flood flood -> {
				// from many threads, as a service's fan-out sends: one send blocks on the
				// full socket, the rest queue
				String filler = "x".repeat(flood.size());
				for (int i = 0; i < flood.count(); i++) {
					int n = i;
					Thread.startVirtualThread(() -> session.send(Map.of("type", "flood", "n", n, "filler", filler)));
				}
			}
		}
	}

}
