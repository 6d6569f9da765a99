package io.headcount.presence.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing and limits of user presence ({@code headcount.presence.*}).
 *
 * @param heartbeatInterval d: how often a client (or the server, for an open WebSocket)
 * heartbeats
 * @param delta δ: allowed network and scheduling jitter; a device is offline after d + 2δ
 * without a heartbeat
 * @param grace how long a device whose WebSocket closed stays online, so that a reconnect
 * is not broadcast
 * @param lastActiveTtl how long last-active times are kept after the last activity
 * @param shards number of Redis shards ({p0}..{pN-1}) that hold users, deadlines and
 * channels
 * @param sweepInterval how often each instance looks for expired deadlines
 * @param sweepLease how long one instance owns the sweeping of a shard once it took it
 * @param sweepBatch maximum expired devices handled by one script call
 * @param maxQueryIds maximum user ids in one GET /v1/presence
 * @param maxSubscriptionsPerConnection maximum users one WebSocket may watch
 * @param maxBatch maximum device commands in one script call
 */
@ConfigurationProperties("headcount.presence")
public record PresenceProperties(@DefaultValue("20s") Duration heartbeatInterval, @DefaultValue("5s") Duration delta,
		@DefaultValue("20s") Duration grace, @DefaultValue("7d") Duration lastActiveTtl, @DefaultValue("32") int shards,
		@DefaultValue("250ms") Duration sweepInterval, @DefaultValue("1s") Duration sweepLease,
		@DefaultValue("500") int sweepBatch, @DefaultValue("500") int maxQueryIds,
		@DefaultValue("1000") int maxSubscriptionsPerConnection, @DefaultValue("256") int maxBatch) {

	public PresenceProperties {
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("headcount.presence.heartbeat-interval must be positive");
		}
		if (delta.isNegative() || grace.isNegative()) {
			throw new IllegalArgumentException("headcount.presence.delta and grace must not be negative");
		}
		if (shards < 1 || sweepBatch < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("headcount.presence.shards, sweep-batch and max-batch must be >= 1");
		}
	}

	/** d + 2δ: a device without a heartbeat for this long is gone. */
	public Duration timeout() {
		return this.heartbeatInterval.plus(this.delta.multipliedBy(2));
	}

}
