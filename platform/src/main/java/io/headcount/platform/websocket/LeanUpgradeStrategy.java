package io.headcount.platform.websocket;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.websocket.Extension;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.adapter.standard.StandardWebSocketHandlerAdapter;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.adapter.standard.WebSocketToStandardExtensionAdapter;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.ServerEndpointRegistration;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Spring's {@link StandardWebSocketUpgradeStrategy}, but the open session keeps nothing
 * of the handshake that no handler reads. Spring's strategy copies every request header
 * into the session and keeps the full {@code Authentication} (a
 * {@code JwtAuthenticationToken} with its {@code Jwt}, claims, headers and token text) as
 * the principal, and Tomcat copies the headers, the parameter map and the query string
 * (with a browser's {@code access_token}) once more into its own session: the largest
 * part of an idle connection's heap, for as long as it stays open (docs/presence.md has
 * the measurement).
 * <p>
 * Here the session's principal is a {@link UserPrincipal} holding only the JWT subject,
 * the handshake headers are empty, the local and remote addresses are not kept, and the
 * request URI keeps its query parameters except {@code access_token}. Tomcat sees the
 * same through a request wrapper: it reads the handshake headers it validates by name,
 * and finds no header names to copy. A handler that needs a handshake header reads it in
 * a {@code HandshakeInterceptor} and keeps what it needs in the session attributes.
 */
class LeanUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

	/**
	 * The query parameter a browser authenticates with (see
	 * {@code WebSocketAwareBearerTokenResolver}).
	 */
	static final String ACCESS_TOKEN = "access_token";

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attrs) throws HandshakeFailureException {
		Principal light = (user != null) ? new UserPrincipal(user.getName()) : null;
		StandardWebSocketSession session = new StandardWebSocketSession(HttpHeaders.EMPTY, attrs, null, null, light);
		StandardWebSocketHandlerAdapter endpoint = new StandardWebSocketHandlerAdapter(wsHandler, session);
		List<Extension> extensions = new ArrayList<>(selectedExtensions.size());
		for (WebSocketExtension extension : selectedExtensions) {
			extensions.add(new WebSocketToStandardExtensionAdapter(extension));
		}
		HttpServletRequest servletRequest = getHttpServletRequest(request);
		ServerEndpointRegistration endpointConfig = new ServerEndpointRegistration(servletRequest.getRequestURI(),
				endpoint);
		endpointConfig.setSubprotocols(Collections.singletonList(selectedProtocol));
		endpointConfig.setExtensions(extensions);
		try {
			getContainer(servletRequest).upgradeHttpToWebSocket(new HandshakeOnlyRequest(servletRequest, light),
					getHttpServletResponse(response), endpointConfig, Collections.emptyMap());
		}
		catch (Exception ex) {
			throw new HandshakeFailureException(
					"Servlet request failed to upgrade to WebSocket: " + servletRequest.getRequestURI(), ex);
		}
	}

	/**
	 * The query string without {@code access_token} (a credential has no business in a
	 * long-lived URI).
	 */
	static @Nullable String withoutAccessToken(@Nullable String query) {
		if (query == null || !query.contains(ACCESS_TOKEN)) {
			return query;
		}
		StringBuilder kept = new StringBuilder(query.length());
		for (String parameter : query.split("&")) {
			if (parameter.equals(ACCESS_TOKEN) || parameter.startsWith(ACCESS_TOKEN + "=")) {
				continue;
			}
			if (!kept.isEmpty()) {
				kept.append('&');
			}
			kept.append(parameter);
		}
		return kept.isEmpty() ? null : kept.toString();
	}

	/**
	 * The upgrade request as Tomcat's {@code WsHandshakeRequest} copies it into the open
	 * session: the light principal, no header names (Tomcat still reads the handshake
	 * headers it validates by name), no parameter map, the query string without the
	 * token.
	 */
	private static final class HandshakeOnlyRequest extends HttpServletRequestWrapper {

		private final @Nullable Principal user;

		private final @Nullable String query;

		HandshakeOnlyRequest(HttpServletRequest request, @Nullable Principal user) {
			super(request);
			this.user = user;
			this.query = withoutAccessToken(request.getQueryString());
		}

		@Override
		public @Nullable Principal getUserPrincipal() {
			return this.user;
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Collections.emptyMap();
		}

		@Override
		public @Nullable String getQueryString() {
			return this.query;
		}

	}

}
