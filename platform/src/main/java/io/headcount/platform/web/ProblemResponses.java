package io.headcount.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem detail straight to a servlet response, for errors raised before Spring
 * MVC is reached (authentication, access, rate limit) so that they look exactly like the
 * advice's.
 */
public final class ProblemResponses {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A problem with a {@code code} property: what a client should do about it (e.g.
	 * {@code room-full}: retry after {@code Retry-After}).
	 */
	public static ProblemDetail problem(HttpStatusCode status, String title, String detail, String code) {
		ProblemDetail problem = problem(status, title, detail);
		problem.setProperty("code", code);
		return problem;
	}

	/**
	 * Sets the status and {@code application/problem+json}, keeping headers already set.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		if (problem.getInstance() == null) {
			try {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
			catch (IllegalArgumentException ex) {
				// a request URI that is no valid URI (the reason it is refused): no
				// instance
			}
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), asMap(problem));
	}

	/**
	 * The RFC 9457 members, with extension properties at the top level as the RFC wants.
	 */
	static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (problem.getType() != null) { // absent means about:blank (RFC 9457), as Spring
											// MVC renders it
			body.put("type", problem.getType().toString());
		}
		if (problem.getTitle() != null) {
			body.put("title", problem.getTitle());
		}
		body.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			body.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
