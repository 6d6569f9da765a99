package io.headcount.counter.fastlane;

import java.io.IOException;
import java.security.Principal;

import io.headcount.counter.counters.CounterController;
import io.headcount.counter.fastlane.LaneRoutes.Route;
import io.headcount.counter.counters.LikeController;
import io.headcount.counter.counters.ViewController;
import io.headcount.platform.security.BearerTokens;
import io.headcount.platform.web.WriteRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Serves the hottest requests — reading a counter, liking, unliking, asking whether I
 * like, counting a view — before Spring Security's filter chain and Spring MVC's
 * dispatch, whose CORS handler lookup, bearer-token and firewall regular expressions,
 * dozen filters and second handler lookup cost most of a cached read's CPU (measured with
 * JFR: docs/counters.md).
 * <p>
 * It answers a request only when it can answer exactly as the full path would, and leaves
 * everything else to that path, untouched:
 * <ul>
 * <li>the bearer token must pass the application's {@link JwtDecoder} — the same decoder
 * and validators Spring Security uses, so the same tokens are accepted; a missing,
 * malformed, expired or forged token goes down the chain, which answers 401 as
 * always;</li>
 * <li>no {@code Origin} header (CORS stays with the chain), no query string, no request
 * body and no {@code Content-Type} (platform's request-shape filter judges those), no
 * escaped or unusual characters in the path, a client that accepts JSON, and each header
 * the lane reads at most once;</li>
 * <li>it calls the same controller methods, renders their exceptions with the same
 * {@code @RestControllerAdvice} (through MVC's {@link HandlerExceptionResolver}), writes
 * Spring Security's default response headers, takes writes from the same per-user
 * {@link WriteRateLimiter} budget, and records the same {@code http.server.requests}
 * meter ({@link LaneRequestMetrics}). It runs before Spring's observation filter, which
 * would cost a fifth of a read again.</li>
 * </ul>
 * Its routes ({@link LaneRoutes}) are the controllers' own path constants, and
 * {@link FastLaneGuard} fails the start when one of them would not reach the controller
 * method the lane calls, or when the security chain asks more than an authenticated token
 * there. {@code CounterFastLaneIntegrationTests} compares its answers with the full
 * path's, header by header, for every mapping of these controllers.
 */
public final class CounterFastLane extends OncePerRequestFilter {

	/**
	 * What Spring Security's default {@code HeaderWriterFilter} adds to every response
	 * over plain HTTP.
	 */
	private static final String[][] SECURITY_HEADERS = { { "X-Content-Type-Options", "nosniff" },
			{ "X-XSS-Protection", "0" },
			{ HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate" },
			{ HttpHeaders.PRAGMA, "no-cache" }, { HttpHeaders.EXPIRES, "0" }, { "X-Frame-Options", "DENY" } };

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final JwtDecoder jwtDecoder;

	private final LikeController likes;

	private final ViewController views;

	private final CounterController counters;

	private final @Nullable WriteRateLimiter rateLimiter;

	private final HandlerExceptionResolver exceptionResolver;

	private final JsonMapper json;

	private final LaneRequestMetrics metrics;

	CounterFastLane(JwtDecoder jwtDecoder, LikeController likes, ViewController views, CounterController counters,
			@Nullable WriteRateLimiter rateLimiter, HandlerExceptionResolver exceptionResolver, JsonMapper json,
			LaneRequestMetrics metrics) {
		this.jwtDecoder = jwtDecoder;
		this.likes = likes;
		this.views = views;
		this.counters = counters;
		this.rateLimiter = rateLimiter;
		this.exceptionResolver = exceptionResolver;
		this.json = json;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Route route = route(request);
		Principal user = (route != null) ? user(request) : null;
		if (route == null || user == null) {
			chain.doFilter(request, response);
			return;
		}
		long start = System.nanoTime();
		Throwable error = null;
		try {
			answer(route, user, request, response);
		}
		catch (RuntimeException | IOException ex) {
			error = ex;
			throw ex;
		}
		finally {
			this.metrics.record(request.getMethod(), route.kind().pattern,
					(error != null && !response.isCommitted() && response.getStatus() < 400) ? 500
							: response.getStatus(),
					error, System.nanoTime() - start);
		}
	}

	/**
	 * Answers a request the lane took. An exception the advice renders is an answer, not
	 * an error, for the metrics too (as for Spring's observation).
	 */
	private void answer(Route route, Principal user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		for (String[] header : SECURITY_HEADERS) {
			response.setHeader(header[0], header[1]);
		}
		if (route.kind().write && this.rateLimiter != null
				&& !this.rateLimiter.admit(WriteRateLimiter.userKey(user.getName()), request, response)) {
			return;
		}
		Object answer;
		try {
			answer = switch (route.kind()) {
				case LIKE -> this.likes.like(route.objectId(), user);
				case UNLIKE -> this.likes.unlike(route.objectId(), user);
				case LIKED -> this.likes.get(route.objectId(), user);
				case VIEW -> this.views.view(route.objectId(), request.getHeader(IDEMPOTENCY_KEY), user);
				case COUNTER -> this.counters.get(route.objectId(), route.counter());
			};
		}
		catch (RuntimeException ex) {
			if (this.exceptionResolver.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
			return;
		}
		write(answer, response);
	}

	private void write(Object answer, HttpServletResponse response) throws IOException {
		Object body = answer;
		if (answer instanceof ResponseEntity<?> entity) {
			response.setStatus(entity.getStatusCode().value());
			entity.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			body = entity.getBody();
		}
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setContentType("application/json");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The user of a bearer token the decoder accepts; null leaves the request to Spring
	 * Security.
	 */
	private @Nullable Principal user(HttpServletRequest request) {
		String token = BearerTokens.token(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return null;
		}
		try {
			Jwt jwt = this.jwtDecoder.decode(token);
			String subject = jwt.getSubject();
			return (subject != null) ? new TokenUser(subject) : null;
		}
		catch (JwtException ex) {
			return null;
		}
	}

	/** The route of a request this lane may answer, or null. */
	static @Nullable Route route(HttpServletRequest request) {
		if (request.getQueryString() != null || request.getHeader(HttpHeaders.ORIGIN) != null
				|| !request.getContextPath().isEmpty() || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
				|| request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
				|| request.getContentType() != null || repeated(request, HttpHeaders.AUTHORIZATION)
				|| repeated(request, HttpHeaders.ACCEPT) || repeated(request, IDEMPOTENCY_KEY)) {
			return null;
		}
		return Route.of(request.getMethod(), request.getRequestURI());
	}

	/**
	 * Whether a header the lane reads comes more than once: the lane would read the
	 * first, MVC all of them (an {@code Idempotency-Key} of two values is malformed
	 * there), so the chain answers (FastLaneAgreementIntegrationTests).
	 */
	private static boolean repeated(HttpServletRequest request, String header) {
		java.util.Enumeration<String> values = request.getHeaders(header);
		if (values == null || !values.hasMoreElements()) {
			return false;
		}
		values.nextElement();
		return values.hasMoreElements();
	}

	static boolean acceptsJson(@Nullable String accept) {
		return accept == null || accept.equals("*/*") || accept.equals("application/json");
	}

	/**
	 * The subject of a validated token, as Spring Security's
	 * {@code JwtAuthenticationToken} names it.
	 */
	private record TokenUser(String getName) implements Principal {
	}

}
