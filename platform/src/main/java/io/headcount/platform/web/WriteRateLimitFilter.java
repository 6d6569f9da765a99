package io.headcount.platform.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits POST, PUT, PATCH and DELETE per user (JWT subject, or client address when
 * anonymous) with a token bucket; over the limit the answer is 429 with
 * {@code Retry-After}. Runs after Spring Security's filter, so the user is known and
 * unauthenticated requests were already turned away.
 */
class WriteRateLimitFilter extends OncePerRequestFilter {

	private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final WriteRateLimiter limiter;

	WriteRateLimitFilter(WriteRateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !WRITE_METHODS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.limiter.admit(key(request), request, response)) {
			chain.doFilter(request, response);
		}
	}

	private static String key(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return (principal != null) ? WriteRateLimiter.userKey(principal.getName())
				: "address:" + request.getRemoteAddr();
	}

}
