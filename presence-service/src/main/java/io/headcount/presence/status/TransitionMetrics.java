package io.headcount.presence.status;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts effective status changes made by this instance
 * ({@code headcount.presence.transitions}, tagged with the new status: four values, never
 * a user id). With the 1 s step, each point in InfluxDB is the transitions of that
 * second.
 */
@Component
class TransitionMetrics implements TransitionListener {

	private final Map<PresenceStatus, Counter> counters = new EnumMap<>(PresenceStatus.class);

	TransitionMetrics(MeterRegistry registry) {
		for (PresenceStatus status : PresenceStatus.values()) {
			this.counters.put(status,
					Counter.builder("headcount.presence.transitions")
						.description("Changes of users' effective presence status")
						.tag("status", status.value())
						.register(registry));
		}
	}

	@Override
	public void onTransition(Outcome transition) {
		this.counters.get(transition.status()).increment();
	}

}
