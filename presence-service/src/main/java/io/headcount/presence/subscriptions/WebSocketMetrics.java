package io.headcount.presence.subscriptions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Open /ws/presence connections on this instance (the common {@code instance} tag tells instances apart). */
@Component
class WebSocketMetrics {

	WebSocketMetrics(MeterRegistry registry, PresenceWebSocketHandler handler) {
		Gauge.builder("headcount.presence.websocket.connections", handler, PresenceWebSocketHandler::openConnections)
			.description("Open presence WebSockets on this instance")
			.register(registry);
	}

}
