package io.headcount.platform.outbox;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outbox, shown as the {@code outbox} component: always UP (a backlog means Kafka is
 * slow or down, and the instance keeps serving, so readiness must not depend on it), with
 * the backlog and the oldest record's age of the streams this instance relays, and a
 * {@code warning} detail when that age exceeds {@code headcount.outbox.warn-age}.
 */
final class OutboxHealthIndicator implements HealthIndicator {

	private final OutboxRelay relay;

	OutboxHealthIndicator(OutboxRelay relay) {
		this.relay = relay;
	}

	@Override
	public Health health() {
		OutboxRelay.Snapshot snapshot = this.relay.snapshot();
		Duration warnAge = this.relay.properties().warnAge();
		Health.Builder health = Health.up()
			.withDetail("streamsHeld", snapshot.streamsHeld())
			.withDetail("backlog", snapshot.backlog())
			.withDetail("oldestAgeMillis", snapshot.oldestAgeMillis());
		if (snapshot.oldestAgeMillis() > warnAge.toMillis()) {
			health.withDetail("warning", "The oldest outbox record is " + snapshot.oldestAgeMillis() / 1000
					+ " s old (more than " + warnAge.toSeconds() + " s): events are not reaching Kafka");
		}
		return health.build();
	}

}
