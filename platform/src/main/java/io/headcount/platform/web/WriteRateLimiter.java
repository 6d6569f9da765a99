package io.headcount.platform.web;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The per-user write rate limit (a token bucket per key). {@link WriteRateLimitFilter}
 * applies it to every write that passed Spring Security; a service that answers some
 * writes before that chain (counter-service's fast lane) applies the same limiter, so a
 * user has one budget whichever path serves the request.
 */
public final class WriteRateLimiter {

	private final TokenBuckets buckets;

	private final Counter rejected;

	WriteRateLimiter(RateLimitProperties properties, MeterRegistry registry) {
		this.buckets = new TokenBuckets(properties.writesPerSecond(), properties.effectiveBurst(), System::nanoTime);
		this.rejected = Counter.builder("headcount.rate-limit.rejected")
			.description("Write requests answered 429 by the per-user rate limit")
			.register(registry);
	}

	/** The bucket key of an authenticated user. */
	public static String userKey(String userId) {
		return "user:" + userId;
	}

	/**
	 * Takes one token of {@code key}'s bucket, or answers 429 with {@code Retry-After} as
	 * a problem detail (the body of a {@link TooManyRequestsException}, as the advice
	 * would render it).
	 * @return whether the request may go on; when not, the response is written
	 */
	public boolean admit(String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
		long waitNanos = this.buckets.tryAcquire(key);
		if (waitNanos == 0) {
			return true;
		}
		this.rejected.increment();
		Duration wait = Duration.ofNanos(waitNanos);
		TooManyRequestsException refusal = new TooManyRequestsException(
				"Write rate limit exceeded; retry in " + RetryAfter.seconds(wait) + " s", wait);
		refusal.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		ProblemResponses.write(request, response, refusal.getBody());
		return false;
	}

}
