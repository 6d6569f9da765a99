package io.headcount.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.headcount.platform.outbox.OutboxBacklogFullException;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisUnavailableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every exception that leaves a controller to an RFC 9457 problem detail. Spring
 * MVC's own (unreadable or invalid bodies, wrong parameters, unknown paths: 4xx) come
 * from the base class; {@link ApiException}s carry their own status and headers; Redis
 * and Kafka being unreachable or slow is a 503 with {@code Retry-After}, never a 500.
 * Lowest precedence, so a service's own advice wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final Duration retryAfter;

	ProblemDetailsAdvice(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request", "Invalid request");
		List<Map<String, String>> errors = (ex.getConstraintViolations() != null)
				? ex.getConstraintViolations().stream().map(ProblemDetailsAdvice::error).toList() : List.of();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static Map<String, String> error(ConstraintViolation<?> violation) {
		return Map.of("field", String.valueOf(violation.getPropertyPath()), "message", violation.getMessage());
	}

	/**
	 * The outbox holds its backlog limit and the change was refused: 503 with its
	 * {@code Retry-After}, and a detail that says why (events are not reaching Kafka), so
	 * that a client and an operator can tell it from Redis being down.
	 */
	@ExceptionHandler(OutboxBacklogFullException.class)
	ResponseEntity<ProblemDetail> outboxBacklogFull(OutboxBacklogFullException ex, WebRequest request) {
		logger.warn("Outbox full for {}: {}", request.getDescription(false), ex.getMessage());
		ServiceUnavailableException mapped = new ServiceUnavailableException(ex.getMessage(), ex.retryAfter(), ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers(mapped.getHeaders())
			.body(mapped.getBody());
	}

	/** Redis cannot answer now: 503, with the exception's own {@code Retry-After}. */
	@ExceptionHandler(RedisUnavailableException.class)
	ResponseEntity<ProblemDetail> redisUnavailable(RedisUnavailableException ex, WebRequest request) {
		logger.warn("Redis unavailable for {}: {}", request.getDescription(false), ex.getMessage());
		return unavailable(ex.retryAfter(), ex);
	}

	private static ResponseEntity<ProblemDetail> unavailable(Duration retryAfter, Exception ex) {
		ServiceUnavailableException mapped = new ServiceUnavailableException(
				"A backing server is unavailable; retry shortly", retryAfter, ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers(mapped.getHeaders())
			.body(mapped.getBody());
	}

	/**
	 * Anything else: 503 when a backing server is unavailable (the cause chain shows it),
	 * otherwise a 500 that hides the internals. Security exceptions are rethrown so that
	 * Spring Security answers 401/403 as usual.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		Throwable unavailable = unavailableCause(ex);
		if (unavailable != null) {
			logger.warn("Backing server unavailable for {}: {}", request.getDescription(false), unavailable.toString());
			return unavailable(this.retryAfter, ex);
		}
		logger.error("Unexpected error for {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
				"Unexpected error");
		return ResponseEntity.internalServerError().body(problem);
	}

	/**
	 * The first cause that says Redis or Kafka is unreachable, slow or failing over, if
	 * any.
	 */
	static @Nullable Throwable unavailableCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (RedisCalls.isUnavailable(cause) || cause instanceof org.apache.kafka.common.errors.TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.RetriableException) {
				return cause;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
		problem.setTitle("Bad Request");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Says what was wrong with a body a client can fix, without Java class names: a
	 * creator's own message for a bad value (e.g. an unknown status), the JSON path for a
	 * value of the wrong type, the parser's message for malformed JSON.
	 */
	static String unreadableDetail(HttpMessageNotReadableException ex) {
		if (!(ex.getCause() instanceof JacksonException json)) {
			return "A JSON request body is required";
		}
		String where = json.getPath().isEmpty() ? "" : " at '" + path(json) + "'";
		if (json instanceof ValueInstantiationException && json.getCause() instanceof IllegalArgumentException bad
				&& bad.getMessage() != null) {
			return "Invalid value" + where + ": " + bad.getMessage();
		}
		if (json instanceof DatabindException) {
			return "Invalid value" + where;
		}
		if (json instanceof StreamConstraintsException) {
			return "The JSON body is nested deeper than " + StrictJson.MAX_NESTING_DEPTH
					+ " levels or holds a number that is too long";
		}
		return "Malformed JSON" + location(json);
	}

	private static String location(JacksonException json) {
		return (json.getLocation() != null && json.getLocation().getLineNr() > 0)
				? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() : "";
	}

	/** A firewall rejection thrown while a handler read a header: the client's doing. */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request",
					"The request holds characters that are not allowed in a header, path or parameter"));
	}

	/**
	 * A query Tomcat cannot parse, found when a handler first reads a parameter (the
	 * request-shape filter refuses the kinds known to it before that).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request", "The query string is malformed"));
	}

	private static String path(JacksonException json) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** In the project's words, not Spring's "No static resource …". */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex,
				ProblemResponses.problem(HttpStatus.NOT_FOUND, "Not Found", "No such resource"), headers,
				HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			org.springframework.http.HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			logger.warn("{} for {}", statusCode, request.getDescription(false), ex);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

}
