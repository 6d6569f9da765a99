package io.headcount.platform.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code headcount.fleet-gauges.*}.
 *
 * @param enabled whether fleet gauges take part in the lease at all
 * @param leaseTtl how long a lease lives without renewal: the longest gap in a fleet
 * gauge when its reporter dies
 * @param renewInterval how often the holder renews, and others try to take over
 */
@ConfigurationProperties("headcount.fleet-gauges")
public record FleetGaugesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("3s") Duration leaseTtl,
		@DefaultValue("1s") Duration renewInterval) {

	public FleetGaugesProperties {
		if (renewInterval.compareTo(leaseTtl) >= 0) {
			throw new IllegalArgumentException("headcount.fleet-gauges.renew-interval must be shorter than lease-ttl");
		}
	}

}
