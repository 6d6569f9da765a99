package io.headcount.presence.subscriptions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code headcount.presence.websocket.connections}: open /ws/presence connections on this
 * instance (the common {@code instance} tag tells instances apart), which the presence
 * dashboard charts. Platform's {@code headcount.websocket.sessions} counts the same
 * sessions for every endpoint.
 */
@Component
class WebSocketMetrics {

	WebSocketMetrics(MeterRegistry registry, Connections connections) {
		Gauge.builder("headcount.presence.websocket.connections", connections, Connections::count)
			.description("Open presence WebSockets on this instance")
			.strongReference(true)
			.register(registry);
	}

}
