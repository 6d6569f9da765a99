package io.headcount.platform.security;

import java.io.IOException;

import io.headcount.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 (or 400 for a malformed request) as a problem detail. The bearer entry point
 * decides the status and the {@code WWW-Authenticate} header (RFC 6750); this adds the
 * body.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearer.commence(request, response, ex);
		HttpStatus status = HttpStatus.valueOf(response.getStatus());
		String detail = (ex instanceof InsufficientAuthenticationException)
				? "A bearer token is required (Authorization: Bearer <jwt>)" : ex.getMessage();
		ProblemDetail problem = ProblemResponses.problem(status, status.getReasonPhrase(), detail);
		ProblemResponses.write(request, response, problem);
	}

}
