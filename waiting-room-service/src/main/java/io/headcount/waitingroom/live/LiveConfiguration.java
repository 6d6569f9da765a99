package io.headcount.waitingroom.live;

import io.headcount.platform.scheduling.PeriodicWorker;
import io.headcount.platform.websocket.WebSocketEndpoints;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.waitingroom.rooms.RoomPaths;
import io.headcount.waitingroom.rooms.Rooms;
import io.headcount.waitingroom.rooms.WaitingRoomProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** /ws/rooms/{roomId} on platform's WebSocket endpoints, and its push round. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private final WebSocketEndpoints endpoints;

	private final Watchers watchers;

	private final RoomWebSocketHandler handler;

	LiveConfiguration(Rooms rooms, WebSocketEndpoints endpoints, WebSocketSessions sessions, JsonMapper json) {
		this.endpoints = endpoints;
		this.watchers = new Watchers(rooms);
		this.handler = new RoomWebSocketHandler(this.watchers, sessions, json);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.handler, RoomPaths.WEBSOCKET);
	}

	@Bean
	PeriodicWorker waitingRoomPush(WaitingRoomProperties properties) {
		return PeriodicWorker.withFixedDelay("waiting-room-push", properties.pushInterval(), this.watchers::pushAll);
	}

}
