package io.headcount.presence.visitors;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Site visitors' settings ({@code headcount.visitors.*}); each site's own timing is its
 * configuration ({@code PUT /v1/sites/{siteId}}).
 *
 * @param shards Redis shards ({v0}..{vN-1}) a site's sessions are spread over; a count
 * reads every one
 * @param sweepInterval how often each instance ends the timed-out sessions of the shards
 * it holds a lease on
 * @param sweepLease how long one instance owns the sweeping of a shard once it took it
 * @param sweepBatch maximum sessions ended by one script call
 * @param pushInterval how often watched sites' counts are read and pushed when they
 * changed
 * @param siteCacheTtl how long an instance keeps a site's configuration
 * @param opensPerSecondPerAddress sessions one client address may open per second, per
 * instance
 * @param openBurstPerAddress opens one address may make at once after a quiet period
 * @param topObjects how many top objects a count lists (at most)
 * @param addressSalt the secret salt of client address hashes, the same on every
 * instance; without one each instance draws its own (hashes then differ between
 * instances)
 */
@ConfigurationProperties("headcount.visitors")
record VisitorsProperties(@DefaultValue("16") int shards, @DefaultValue("250ms") Duration sweepInterval,
		@DefaultValue("1s") Duration sweepLease, @DefaultValue("500") int sweepBatch,
		@DefaultValue("1s") Duration pushInterval, @DefaultValue("5s") Duration siteCacheTtl,
		@DefaultValue("10") double opensPerSecondPerAddress, @DefaultValue("50") double openBurstPerAddress,
		@DefaultValue("10") int topObjects, @Nullable String addressSalt) {

	VisitorsProperties {
		if (shards < 1 || sweepBatch < 1 || topObjects < 0) {
			throw new IllegalArgumentException(
					"headcount.visitors.shards and sweep-batch must be >= 1, top-objects >= 0");
		}
		if (opensPerSecondPerAddress <= 0) {
			throw new IllegalArgumentException("headcount.visitors.opens-per-second-per-address must be positive");
		}
	}

}
