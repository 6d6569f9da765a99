package io.headcount.platform.websocket;

import java.security.Principal;

/**
 * The principal of an open WebSocket: the JWT subject and nothing else. The token was
 * verified at the handshake; keeping the whole {@code JwtAuthenticationToken} for the
 * life of an idle connection would cost far more heap than the connection's own state
 * (docs/presence.md).
 *
 * @param name the JWT {@code sub}
 */
record UserPrincipal(String name) implements Principal {

	@Override
	public String getName() {
		return this.name;
	}

}
