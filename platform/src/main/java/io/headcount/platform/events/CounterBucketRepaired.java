package io.headcount.platform.events;

import java.time.Instant;

/**
 * stats-batch's {@code repair --apply} set a time bucket of a counter to the nightly
 * audit's recount from the raw {@link CounterChanged} events (docs/stats-batch.md).
 *
 * @param counter {@code likes}, {@code views} or a generic counter's name
 * @param granularity {@code minute}, {@code hour} or {@code day}
 * @param bucketStart the bucket's start
 * @param previous the bucket's value before the repair (0 when it was missing)
 * @param value the value it was set to (the recount; 0 removes the bucket)
 */
public record CounterBucketRepaired(String eventId, Instant occurredAt, String objectId, String counter,
		String granularity, Instant bucketStart, long previous, long value) implements HeadcountEvent {

	@Override
	public String key() {
		return this.objectId;
	}

	@Override
	public String topic() {
		return Topics.COUNTER_EVENTS;
	}

}
