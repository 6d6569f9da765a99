package io.headcount.platform.websocket;

import java.util.List;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

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
		register(registry, handler, List.of(), paths);
	}

	/**
	 * As {@link #register(WebSocketHandlerRegistry, WebSocketHandler, String...)}, with
	 * checks of the endpoint's own after the authentication check (an authorization that
	 * depends on the path, such as a site reader's scope). They see the request while its
	 * principal is still the full authentication, before the upgrade keeps only the
	 * subject.
	 */
	public void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, List<HandshakeInterceptor> checks,
			String... paths) {
		HandshakeInterceptor[] interceptors = new HandshakeInterceptor[checks.size() + 1];
		interceptors[0] = this.handshake;
		for (int i = 0; i < checks.size(); i++) {
			interceptors[i + 1] = checks.get(i);
		}
		registry.addHandler(handler, paths)
			.setHandshakeHandler(this.upgrade)
			.addInterceptors(interceptors)
			.setAllowedOriginPatterns(this.properties.allowedOriginPatterns().toArray(String[]::new));
	}

}
