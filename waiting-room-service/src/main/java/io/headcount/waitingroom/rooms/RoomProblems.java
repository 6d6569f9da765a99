package io.headcount.waitingroom.rooms;

import java.time.Duration;

import io.headcount.platform.web.ProblemResponses;
import io.headcount.platform.web.RetryAfter;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The rooms' own exceptions as problem details, decided here only; the rest (Redis
 * unavailable, a full outbox, the write rate limit) is platform's advice, which comes
 * after this one. {@code code} tells a client what to do: {@code room-full} retries after
 * {@code Retry-After}, {@code sold-out} and {@code closed} stop.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RoomProblems {

	/** A full room frees places as shoppers leave: about a heartbeat timeout. */
	private static final Duration FULL_RETRY = Duration.ofSeconds(30);

	@ExceptionHandler(InvalidRoomInput.class)
	ProblemDetail badRequest(InvalidRoomInput ex) {
		return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request", ex.getMessage(), "invalid-input");
	}

	@ExceptionHandler(UnknownRoom.class)
	ProblemDetail unknownRoom(UnknownRoom ex) {
		return ProblemResponses.problem(HttpStatus.NOT_FOUND, "Not Found", ex.getMessage(), "unknown-room");
	}

	@ExceptionHandler(RoomNotJoinable.class)
	ProblemDetail notJoinable(RoomNotJoinable ex) {
		return ProblemResponses.problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(),
				(ex.state() == RoomState.SOLD_OUT) ? "sold-out" : "closed");
	}

	@ExceptionHandler(ProofOfWorkRefused.class)
	ProblemDetail proofOfWork(ProofOfWorkRefused ex) {
		return ProblemResponses.problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), ex.code());
	}

	@ExceptionHandler(RoomFull.class)
	ResponseEntity<ProblemDetail> full(RoomFull ex) {
		return tooMany(ex.getMessage(), "room-full", FULL_RETRY);
	}

	@ExceptionHandler(TooManyJoins.class)
	ResponseEntity<ProblemDetail> tooManyJoins(TooManyJoins ex) {
		return tooMany(ex.getMessage(), "too-many-joins", ex.retryAfter());
	}

	private static ResponseEntity<ProblemDetail> tooMany(String detail, String code, Duration retryAfter) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail,
				code);
		long seconds = RetryAfter.seconds(retryAfter);
		problem.setProperty("retryAfterSeconds", seconds);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

}
