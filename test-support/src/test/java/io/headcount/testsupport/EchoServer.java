package io.headcount.testsupport;

import java.io.IOException;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A WebSocket server for {@link JsonWebSocketTests} on {@code /echo}: answers
 * {@code close:<code>} by closing, {@code repeat:<n>:<size>} with n messages of size
 * characters, anything else with an echo frame that also carries the Authorization header
 * and the query.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
class EchoServer implements WebSocketConfigurer {

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
				String text = message.getPayload();
				if (text.startsWith("close:")) {
					session.close(new CloseStatus(Integer.parseInt(text.substring(6)), "asked to close"));
				}
				else if (text.startsWith("repeat:")) {
					String[] parts = text.split(":");
					String filler = "x".repeat(Integer.parseInt(parts[2]));
					for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
						session.sendMessage(
								new TextMessage("{\"type\":\"repeat\",\"n\":" + i + ",\"filler\":\"" + filler + "\"}"));
					}
				}
				else {
					String authorization = session.getHandshakeHeaders().getFirst("Authorization");
					String query = session.getUri().getQuery();
					session.sendMessage(
							new TextMessage(JsonWebSocket.json.writeValueAsString(Map.of("type", "echo", "text", text,
									"authorization", String.valueOf(authorization), "query", String.valueOf(query)))));
				}
			}

		}, "/echo");
	}

}
