package io.headcount.platform.websocket;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets only authenticated upgrades through. Spring Security has already verified the JWT
 * (header, or {@code access_token} on {@code /ws/**}) before the upgrade reaches here;
 * this is the second lock, for an endpoint registered outside {@code /ws/**} or a
 * security configuration that forgot it. The user reaches the session as its principal
 * ({@link LiveSession#userId()}), not as an attribute: an empty attribute map allocates
 * no table, which idle connections would pay for.
 */
public class PrincipalHandshakeInterceptor implements HandshakeInterceptor {

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (request.getPrincipal() == null) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
