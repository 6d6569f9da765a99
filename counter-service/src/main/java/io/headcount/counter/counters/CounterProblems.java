package io.headcount.counter.counters;

import java.time.Duration;

import io.headcount.platform.web.ApiException;
import io.headcount.platform.web.ServiceUnavailableException;

import org.springframework.http.HttpStatus;

/** The problems this service raises, as platform's exceptions (one advice renders them as ProblemDetail). */
public final class CounterProblems {

	private CounterProblems() {
	}

	public static ApiException badRequest(String title, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, title, detail);
	}

	public static ApiException conflict(String title, String detail) {
		return new ApiException(HttpStatus.CONFLICT, title, detail);
	}

	public static ApiException unavailable(String detail, Throwable cause) {
		return new ServiceUnavailableException(detail, Duration.ofSeconds(2), cause);
	}

}
