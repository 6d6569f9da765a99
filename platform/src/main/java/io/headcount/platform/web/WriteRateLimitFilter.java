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

	private final WriteRateKeys keys;

	WriteRateLimitFilter(WriteRateLimiter limiter, WriteRateKeys keys) {
		this.limiter = limiter;
		this.keys = keys;
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

	private String key(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal != null) {
			return WriteRateLimiter.userKey(principal.getName());
		}
		String own = this.keys.keyOf(request);
		return (own != null) ? "key:" + own : "address:" + request.getRemoteAddr();
	}

}
