package io.headcount.counter.counters;

import java.time.Instant;

/**
 * A change Redis has applied: what listeners (Kafka events, metrics, near cache, live
 * pushes) see.
 *
 * @param counter public counter name (likes, views or the generic name)
 * @param field the hash field
 * @param delta the signed change
 * @param value the counter after the change
 */
public record AppliedChange(String objectId, String counter, String field, long delta, long value, Instant at,
		long version, String actorId, String idempotencyKey) {

}
