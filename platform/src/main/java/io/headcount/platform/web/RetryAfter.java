package io.headcount.platform.web;

import java.time.Duration;

/**
 * {@code Retry-After} takes whole seconds; rounding down to 0 would invite an immediate
 * retry.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	public static long seconds(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		return Math.max(1, (millis + 999) / 1000);
	}

}
