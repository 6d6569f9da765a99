package io.headcount.platform.websocket;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets only authenticated upgrades through and keeps the user on the session. Spring Security has
 * already verified the JWT (header, or {@code access_token} on {@code /ws/**}) before the upgrade
 * reaches here; this is the second lock, for an endpoint registered outside {@code /ws/**} or a
 * security configuration that forgot it.
 */
public class PrincipalHandshakeInterceptor implements HandshakeInterceptor {

	/** Session attribute holding the JWT subject. */
	public static final String USER_ID = "headcount.userId";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Principal principal = request.getPrincipal();
		if (principal == null) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		attributes.put(USER_ID, principal.getName());
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
