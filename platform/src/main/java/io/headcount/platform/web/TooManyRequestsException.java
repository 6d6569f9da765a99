package io.headcount.platform.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 429 with {@code Retry-After}: try again later (rate limit, or a full waiting room). */
public class TooManyRequestsException extends ApiException {

	private final Duration retryAfter;

	public TooManyRequestsException(Duration retryAfter) {
		this("Too many requests; retry in " + RetryAfter.seconds(retryAfter) + " s", retryAfter);
	}

	public TooManyRequestsException(String detail, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail);
		this.retryAfter = retryAfter;
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(retryAfter)));
		getBody().setProperty("retryAfterSeconds", RetryAfter.seconds(retryAfter));
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
