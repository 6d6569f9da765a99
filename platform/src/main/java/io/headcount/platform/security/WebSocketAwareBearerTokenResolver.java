package io.headcount.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the token from the {@code Authorization} header with {@link BearerTokens} (as the
 * counter fast lane does), and on {@code /ws/**} also from the {@code access_token} query
 * parameter: browsers cannot set headers on a WebSocket upgrade. Only there, because
 * tokens in URLs end up in access logs and browser history.
 */
class WebSocketAwareBearerTokenResolver implements BearerTokenResolver {

	private final RequestMatcher webSocketPaths = PathPatternRequestMatcher.withDefaults().matcher("/ws/**");

	private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

	WebSocketAwareBearerTokenResolver() {
		this.headerOrQuery.setAllowUriQueryParameter(true);
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		if (this.webSocketPaths.matches(request)) {
			return this.headerOrQuery.resolve(request);
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!BearerTokens.isBearer(authorization)) {
			return null;
		}
		String token = BearerTokens.token(authorization);
		if (token == null) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return token;
	}

}
