package io.headcount.presence.subscriptions;

import java.time.Duration;

import io.headcount.platform.scheduling.PeriodicWorker;
import io.headcount.platform.websocket.WebSocketEndpoints;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.PresenceService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers /ws/presence through platform's endpoints, its connection registry, and the
 * keep-alive that runs over it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class PresenceWebSocketConfiguration implements WebSocketConfigurer {

	private final Connections connections = new Connections();

	private final PresenceWebSocketHandler handler;

	private final WebSocketEndpoints endpoints;

	PresenceWebSocketConfiguration(PresenceService presence, SubscriptionHub hub, PresenceProperties properties,
			WebSocketSessions sessions, JsonMapper json, WebSocketEndpoints endpoints) {
		this.handler = new PresenceWebSocketHandler(presence, hub, properties, this.connections, sessions, json);
		this.endpoints = endpoints;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.handler, "/ws/presence");
	}

	@Bean(destroyMethod = "shutdown")
	PresenceWebSocketHandler presenceWebSocketHandler() {
		return this.handler;
	}

	@Bean
	Connections presenceWebSocketConnections() {
		return this.connections;
	}

	/**
	 * Twice per d: a late tick (GC, a busy machine) still leaves d/2 + 2δ before the
	 * deadline. A connection that answered no ping for one interval more than the timeout
	 * is gone.
	 */
	@Bean
	PeriodicWorker presenceWebSocketKeepAlive(PresenceService presence, PresenceProperties properties) {
		Duration period = properties.heartbeatInterval().dividedBy(2);
		Duration silence = properties.timeout().plus(properties.heartbeatInterval());
		KeepAlive keepAlive = new KeepAlive(this.connections, presence, silence);
		return PeriodicWorker.withFixedDelay("presence-ws-keepalive", period, keepAlive).atFixedRate();
	}

}
