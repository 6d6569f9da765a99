package io.headcount.platform.events;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A statistics event of an object was recorded (counter-service's {@code POST
 * /v1/objects/{objectId}/events}): counted, summed and compared into the minute, hour and
 * day buckets of its time {@code at}.
 *
 * @param eventType the named event type ({@code visit}, {@code render-ms}, …)
 * @param value the event's number, exact (at most six decimal places)
 * @param at the event's own time (which buckets it went into); {@code occurredAt} is when
 * Redis recorded it
 * @param actorId who sent it (the JWT subject)
 * @param idempotencyKey the event's {@code idempotencyKey}, if any
 */
public record EventRecorded(String eventId, Instant occurredAt, String objectId, String eventType, BigDecimal value,
		Instant at, @Nullable String actorId, @Nullable String idempotencyKey) implements HeadcountEvent {

	@Override
	public String key() {
		return this.objectId;
	}

	@Override
	public String topic() {
		return Topics.COUNTER_EVENTS;
	}

}
