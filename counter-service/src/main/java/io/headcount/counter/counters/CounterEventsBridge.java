package io.headcount.counter.counters;

import java.time.Instant;

import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.events.EventPublisher;

import org.springframework.stereotype.Component;

/**
 * Every applied change becomes a {@link CounterChanged} on
 * {@code headcount.counter-events} (keyed by object id), so the nightly audit can recount
 * from raw events. Publishing never blocks: the platform publisher queues and retries
 * through a broker outage.
 */
@Component
class CounterEventsBridge implements CounterChangeListener {

	private final EventPublisher publisher;

	CounterEventsBridge(EventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void applied(AppliedChange change) {
		Instant at = (change.at() != null) ? change.at() : Instant.now();
		this.publisher.publish(new CounterChanged(FastIds.uuid(), at, change.objectId(), change.counter(),
				change.delta(), change.value(), change.actorId(), change.idempotencyKey()));
	}

}
