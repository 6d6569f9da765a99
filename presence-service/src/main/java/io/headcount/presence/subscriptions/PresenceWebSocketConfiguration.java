package io.headcount.presence.subscriptions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.websocket.WebSocketEndpoints;
import io.headcount.platform.websocket.WebSocketProperties;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.PresenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers /ws/presence through platform's endpoints, and the task that keeps open connections' users alive. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class PresenceWebSocketConfiguration implements WebSocketConfigurer {

	private final PresenceWebSocketHandler handler;

	private final WebSocketEndpoints endpoints;

	PresenceWebSocketConfiguration(PresenceService presence, SubscriptionHub hub, PresenceProperties properties,
			WebSocketSessions sessions, JsonMapper json, WebSocketProperties webSocket, WebSocketEndpoints endpoints) {
		this.handler = new PresenceWebSocketHandler(presence, hub, properties, sessions, json, webSocket);
		this.endpoints = endpoints;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.handler, "/ws/presence");
	}

	@Bean
	PresenceWebSocketHandler presenceWebSocketHandler() {
		return this.handler;
	}

	@Bean
	KeepAlive presenceWebSocketKeepAlive(PresenceProperties properties) {
		return new KeepAlive(this.handler, properties);
	}

	/** Every d/2: heartbeats for open connections' devices (batched per shard), pings, silent ones closed. */
	static final class KeepAlive implements SmartLifecycle {

		private static final Logger logger = LoggerFactory.getLogger(KeepAlive.class);

		private final PresenceWebSocketHandler handler;

		private final PresenceProperties properties;

		private ScheduledExecutorService scheduler;

		KeepAlive(PresenceWebSocketHandler handler, PresenceProperties properties) {
			this.handler = handler;
			this.properties = properties;
		}

		@Override
		public synchronized void start() {
			this.scheduler = Executors.newSingleThreadScheduledExecutor(
					Thread.ofPlatform().name("presence-ws-keepalive").daemon().factory());
			// twice per d: a late tick (GC, a busy machine) still leaves d/2 + 2δ before the deadline
			long period = Math.max(1, this.properties.heartbeatInterval().toMillis() / 2);
			// a connection that answered no ping for one interval more than the timeout is gone
			var silence = this.properties.timeout().plus(this.properties.heartbeatInterval());
			this.scheduler.scheduleAtFixedRate(() -> {
				try {
					this.handler.keepAlive(silence);
				}
				catch (RuntimeException ex) {
					logger.warn("Keeping WebSocket users alive failed", ex);
				}
			}, period, period, TimeUnit.MILLISECONDS);
		}

		@Override
		public synchronized void stop() {
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
			this.handler.shutdown();
		}

		@Override
		public synchronized boolean isRunning() {
			return this.scheduler != null;
		}

	}

}
