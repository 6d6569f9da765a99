package io.headcount.platform.websocket;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers a service's handlers the same way everywhere: authenticated handshake, configured origins.
 * Use paths under {@code /ws/} (the only place a token in the query string is accepted).
 */
public class WebSocketEndpoints {

	private final PrincipalHandshakeInterceptor handshake = new PrincipalHandshakeInterceptor();

	private final WebSocketProperties properties;

	public WebSocketEndpoints(WebSocketProperties properties) {
		this.properties = properties;
	}

	/** From a service's {@code WebSocketConfigurer.registerWebSocketHandlers}. */
	public void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, String... paths) {
		registry.addHandler(handler, paths)
			.addInterceptors(this.handshake)
			.setAllowedOriginPatterns(this.properties.allowedOriginPatterns().toArray(String[]::new));
	}

}
