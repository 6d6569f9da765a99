package io.headcount.platform.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 503 with {@code Retry-After}: a backing server (Redis, Kafka) is unavailable right now.
 */
public class ServiceUnavailableException extends ApiException {

	/**
	 * Long enough for a Redis Cluster failover to be noticed, short enough for an
	 * interactive user.
	 */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

	private final Duration retryAfter;

	public ServiceUnavailableException(String detail) {
		this(detail, DEFAULT_RETRY_AFTER, null);
	}

	public ServiceUnavailableException(String detail, Duration retryAfter) {
		this(detail, retryAfter, null);
	}

	public ServiceUnavailableException(String detail, Duration retryAfter, @Nullable Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail, cause);
		this.retryAfter = retryAfter;
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(retryAfter)));
		getBody().setProperty("retryAfterSeconds", RetryAfter.seconds(retryAfter));
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
