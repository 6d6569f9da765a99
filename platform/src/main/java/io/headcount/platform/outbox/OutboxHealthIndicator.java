package io.headcount.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code outbox} health component: always UP (an outbox that waits for Kafka is the
 * design working, and readiness must not take replicas out of the load balancer for it),
 * with this instance's streams, their backlog and the age of their oldest record, and a
 * {@code warning} detail once that age passes {@code headcount.outbox.warn-age}.
 */
class OutboxHealthIndicator implements HealthIndicator {

	private final List<OutboxRelay> relays;

	OutboxHealthIndicator(List<OutboxRelay> relays) {
		this.relays = relays;
	}

	@Override
	public Health health() {
		Health.Builder builder = Health.up();
		for (OutboxRelay relay : this.relays) {
			OutboxRelay.Snapshot snapshot = relay.snapshot();
			String name = relay.streams().name();
			Duration warnAge = relay.properties().warnAge();
			builder.withDetail(name + ".streamsHeld", snapshot.streamsHeld())
				.withDetail(name + ".backlog", snapshot.backlog())
				.withDetail(name + ".oldestAgeSeconds", snapshot.oldestAgeMillis() / 1000.0);
			if (snapshot.oldestAgeMillis() > warnAge.toMillis()) {
				builder.withDetail("warning",
						"The oldest " + name + " outbox record is " + (snapshot.oldestAgeMillis() / 1000)
								+ " s old (warn-age " + warnAge.toSeconds() + " s): events are not reaching Kafka");
			}
		}
		return builder.build();
	}

}
