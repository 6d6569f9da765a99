package io.headcount.presence.status;

import java.util.UUID;

import io.headcount.platform.events.EventPublisher;
import io.headcount.platform.events.PresenceChanged;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sends every effective status change to Kafka ({@code headcount.presence-events}, keyed
 * by user) for the batch. The true status is sent, invisible included: the topic is
 * internal, subscribers never see it. Platform's publisher returns at once and buffers
 * through a broker outage.
 */
@Component
@Order(0)
class TransitionEvents implements TransitionListener {

	private final EventPublisher publisher;

	TransitionEvents(EventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onTransition(Outcome transition) {
		this.publisher.publish(new PresenceChanged(UUID.randomUUID().toString(), transition.at(), transition.userId(),
				transition.status().value(), transition.previous().value(), transition.lastActiveAt(),
				transition.deviceId(), reason(transition.reason())));
	}

	static String reason(String operation) {
		return switch (operation) {
			case "hb" -> "heartbeat";
			case "timeout" -> "timed-out";
			case "linger" -> "disconnected";
			default -> "set";
		};
	}

}
