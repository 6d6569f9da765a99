package io.headcount.platform.security;

import java.io.IOException;

import io.headcount.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as a problem detail, with the bearer
 * {@code WWW-Authenticate: ... insufficient_scope} header.
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.bearer.handle(request, response, ex);
		ProblemResponses.write(request, response, ProblemResponses.problem(HttpStatus.FORBIDDEN, "Forbidden",
				"This token lacks the scope or permission this resource needs"));
	}

}
