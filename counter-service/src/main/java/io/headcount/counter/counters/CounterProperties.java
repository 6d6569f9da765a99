package io.headcount.counter.counters;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the counter service ({@code headcount.counter.*}).
 *
 * @param nearCacheTtl how long a read is served from memory; reads are at most this stale
 * (plus one Redis round trip)
 * @param nearCacheSize most objects the near cache holds
 * @param idempotencyTtl how long an Idempotency-Key's first response is kept (replays
 * count nothing)
 * @param batchMarkerTtl how long a batch's result is kept so a client-library replay of
 * the same command applies nothing
 * @param maxBatch most changes of one object sent in one script call
 * @param maxChangesPerCall most changes of all objects on one node sent in one script
 * call (Redis runs nothing else while a script runs, so this bounds how long one call
 * holds the node; docs/counters.md)
 * @param events the statistics events' limits
 */
@ConfigurationProperties("headcount.counter")
public record CounterProperties(@DefaultValue("750ms") Duration nearCacheTtl,
		@DefaultValue("200000") long nearCacheSize, @DefaultValue("24h") Duration idempotencyTtl,
		@DefaultValue("60s") Duration batchMarkerTtl, @DefaultValue("256") int maxBatch,
		@DefaultValue("256") int maxChangesPerCall, @DefaultValue Retention retention, @DefaultValue Hot hot,
		@DefaultValue Live live, @DefaultValue Events events) {

	/**
	 * How long buckets are kept after their hash closes (an hour for minute buckets, a
	 * day for hour buckets, 32 days for day buckets).
	 */
	public record Retention(@DefaultValue("2d") Duration minute, @DefaultValue("60d") Duration hour,
			@DefaultValue("3650d") Duration day) {
	}

	/**
	 * @param writesPerSecond writes per second to one object, on one instance, that make
	 * it hot
	 * @param linger how long a hot object's next batch waits to collect more changes
	 */
	public record Hot(@DefaultValue("200") int writesPerSecond, @DefaultValue("2ms") Duration linger) {
	}

	/**
	 * @param interval at most one push per object and subscriber per interval
	 * @param maxSubscriptions objects one WebSocket session may watch
	 */
	public record Live(@DefaultValue("250ms") Duration interval, @DefaultValue("1000") int maxSubscriptions) {
	}

	/**
	 * @param maxBatch most events in one request (applied in one script call, which holds
	 * its Redis node meanwhile)
	 * @param maxFutureSkew how far in the future an event's {@code at} may lie (clients'
	 * clocks run ahead); events older than the minute retention are refused too
	 * @param maxBody largest body of an events request (about 1 KiB per event at most)
	 */
	public record Events(@DefaultValue("1000") int maxBatch, @DefaultValue("10s") Duration maxFutureSkew,
			@DefaultValue("1MB") DataSize maxBody) {
	}

}
