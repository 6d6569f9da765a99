package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A counter of an object moved.
 *
 * @param counter {@code likes}, {@code views} or a generic counter's name
 * @param delta how much it moved (likes: +1 or -1)
 * @param value the counter's value after the change
 * @param actorId who moved it (likes: the user id), if known
 * @param idempotencyKey the client's {@code Idempotency-Key}, if any
 */
public record CounterChanged(String eventId, Instant occurredAt, String objectId, String counter, long delta,
		long value, @Nullable String actorId, @Nullable String idempotencyKey) implements HeadcountEvent {

	@Override
	public String key() {
		return this.objectId;
	}

	@Override
	public String topic() {
		return Topics.COUNTER_EVENTS;
	}

}
