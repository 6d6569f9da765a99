package io.headcount.presence.visitors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The visitors feature's own exceptions as problem details, decided here only; the rest
 * (Redis unavailable, a full outbox, the open rate limit's 429) is platform's advice,
 * which comes after this one. {@code code} tells a client what to do: a
 * {@code session-not-live} heartbeat opens a new session, an {@code unknown-site} stops.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class VisitorsProblems {

	@ExceptionHandler(InvalidVisitorInput.class)
	ProblemDetail badRequest(InvalidVisitorInput ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad Request", ex.getMessage(), "invalid-input");
	}

	@ExceptionHandler(UnknownSite.class)
	ProblemDetail unknownSite(UnknownSite ex) {
		return problem(HttpStatus.NOT_FOUND, "Not Found", ex.getMessage(), "unknown-site");
	}

	@ExceptionHandler(UnknownSession.class)
	ProblemDetail unknownSession(UnknownSession ex) {
		return problem(HttpStatus.NOT_FOUND, "Not Found", ex.getMessage(), "session-not-live");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail, String code) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("code", code);
		return problem;
	}

}
