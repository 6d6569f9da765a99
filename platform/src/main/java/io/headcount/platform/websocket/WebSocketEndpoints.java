package io.headcount.platform.websocket;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * Registers a service's handlers the same way everywhere: authenticated handshake,
 * configured origins, and open sessions that keep nothing of the handshake but the user
 * ({@link LeanUpgradeStrategy}). Use paths under {@code /ws/} (the only place a token in
 * the query string is accepted).
 */
public class WebSocketEndpoints {

	private final PrincipalHandshakeInterceptor handshake = new PrincipalHandshakeInterceptor();

	private final HandshakeHandler upgrade = new ProblemHandshakeHandler(new LeanUpgradeStrategy());

	private final WebSocketProperties properties;

	public WebSocketEndpoints(WebSocketProperties properties) {
		this.properties = properties;
	}

	/** From a service's {@code WebSocketConfigurer.registerWebSocketHandlers}. */
	public void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, String... paths) {
		registry.addHandler(handler, paths)
			.setHandshakeHandler(this.upgrade)
			.addInterceptors(this.handshake)
			.setAllowedOriginPatterns(this.properties.allowedOriginPatterns().toArray(String[]::new));
	}

}
