package io.headcount.counter.live;

import io.headcount.counter.counters.CounterProperties;
import io.headcount.platform.websocket.WebSocketEndpoints;
import io.headcount.platform.websocket.WebSocketSessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers {@code /ws/counters} through platform's endpoints (authenticated handshake,
 * origins).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private final LiveCountsHandler handler;

	private final WebSocketEndpoints endpoints;

	LiveConfiguration(LiveCounts live, WebSocketSessions sessions, JsonMapper json, WebSocketEndpoints endpoints,
			CounterProperties properties) {
		this.handler = new LiveCountsHandler(live, sessions, json, properties);
		this.endpoints = endpoints;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.handler, "/ws/counters");
	}

}
