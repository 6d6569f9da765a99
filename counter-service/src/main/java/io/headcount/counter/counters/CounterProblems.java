package io.headcount.counter.counters;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems this service raises; rendered by Spring MVC (and platform's advice) as ProblemDetail. */
public final class CounterProblems {

	private CounterProblems() {
	}

	public static ErrorResponseException badRequest(String title, String detail) {
		return problem(HttpStatus.BAD_REQUEST, title, detail, null);
	}

	public static ErrorResponseException conflict(String title, String detail) {
		return problem(HttpStatus.CONFLICT, title, detail, null);
	}

	public static ErrorResponseException unavailable(String detail, Throwable cause) {
		ErrorResponseException ex = problem(HttpStatus.SERVICE_UNAVAILABLE, "Counter store unavailable", detail, cause);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Duration.ofSeconds(2).toSeconds()));
		return ex;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail, Throwable cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, cause);
	}

}
