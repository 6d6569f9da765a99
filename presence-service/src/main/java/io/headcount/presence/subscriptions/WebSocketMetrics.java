package io.headcount.presence.subscriptions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code headcount.presence.websocket.connections}: open /ws/presence connections on this instance
 * (the common {@code instance} tag tells instances apart), which the presence dashboard charts.
 * Platform's {@code headcount.websocket.sessions} counts the same sessions for every endpoint.
 */
@Component
class WebSocketMetrics {

	private final PresenceWebSocketHandler handler;

	WebSocketMetrics(MeterRegistry registry, PresenceWebSocketHandler handler) {
		this.handler = handler;
		Gauge.builder("headcount.presence.websocket.connections", handler, PresenceWebSocketHandler::openConnections)
			.description("Open presence WebSockets on this instance")
			.strongReference(true)
			.register(registry);
	}

}
