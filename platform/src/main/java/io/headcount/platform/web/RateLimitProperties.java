package io.headcount.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-user limit on write requests ({@code headcount.rate-limit.*}).
 *
 * @param enabled whether POST, PUT, PATCH and DELETE are limited at all
 * @param writesPerSecond sustained rate per JWT subject (per client address when
 * anonymous)
 * @param burst requests allowed at once after a quiet period; {@code 0} means twice the
 * rate
 */
@ConfigurationProperties("headcount.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50") double writesPerSecond,
		@DefaultValue("0") double burst) {

	public RateLimitProperties {
		if (writesPerSecond <= 0) {
			throw new IllegalArgumentException("headcount.rate-limit.writes-per-second must be positive");
		}
	}

	double effectiveBurst() {
		return (this.burst > 0) ? this.burst : 2 * this.writesPerSecond;
	}

}
