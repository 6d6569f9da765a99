package io.headcount.counter.counters;

import io.headcount.platform.web.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The web edge of the counters' own exceptions, as RFC 9457 problem details. Redis being
 * unavailable is platform's to answer (503 with {@code Retry-After}); ordered before
 * platform's catch-all advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CounterAdvice {

	@ExceptionHandler(BadCounterRequest.class)
	ResponseEntity<ProblemDetail> badRequest(BadCounterRequest ex) {
		return ResponseEntity.badRequest()
			.body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, ex.title(), ex.detail()));
	}

	@ExceptionHandler(CounterWouldGoNegative.class)
	ResponseEntity<ProblemDetail> wouldGoNegative(CounterWouldGoNegative ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(ProblemResponses.problem(HttpStatus.CONFLICT, "Counter would go below zero", ex.getMessage()));
	}

}
