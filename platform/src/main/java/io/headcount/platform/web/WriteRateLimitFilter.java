package io.headcount.platform.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits POST, PUT, PATCH and DELETE per user (JWT subject, or client address when anonymous) with
 * a token bucket; over the limit the answer is 429 with {@code Retry-After}. Runs after Spring
 * Security's filter, so the user is known and unauthenticated requests were already turned away.
 */
class WriteRateLimitFilter extends OncePerRequestFilter {

	private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final TokenBuckets buckets;

	private final Counter rejected;

	WriteRateLimitFilter(RateLimitProperties properties, MeterRegistry registry) {
		this.buckets = new TokenBuckets(properties.writesPerSecond(), properties.effectiveBurst(), System::nanoTime);
		this.rejected = Counter.builder("headcount.rate-limit.rejected")
			.description("Write requests answered 429 by the per-user rate limit")
			.register(registry);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !WRITE_METHODS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long waitNanos = this.buckets.tryAcquire(key(request));
		if (waitNanos == 0) {
			chain.doFilter(request, response);
			return;
		}
		this.rejected.increment();
		long seconds = RetryAfter.seconds(Duration.ofNanos(waitNanos));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
				"Write rate limit exceeded; retry in " + seconds + " s");
		problem.setProperty("retryAfterSeconds", seconds);
		ProblemResponses.write(request, response, problem);
	}

	private static String key(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return (principal != null) ? "user:" + principal.getName() : "address:" + request.getRemoteAddr();
	}

}
