package io.headcount.presence.visitors;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The handshake of {@code /ws/sites/{siteId}/visitors}: 400 for a malformed site id, 403
 * without the admin or the site's reader scope, 404 for an unknown site; checked before
 * the upgrade, while the principal is still the whole authentication.
 */
class SiteReaderCheck implements HandshakeInterceptor {

	static final String SITE = "visitors.site";

	private static final Pattern SITE_ID = Pattern.compile(VisitorIds.SITE_ID_REGEX);

	private final Sites sites;

	SiteReaderCheck(Sites sites) {
		this.sites = sites;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String siteId = VisitorPaths.siteOfWebSocketPath(request.getURI().getRawPath());
		if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
			response.setStatusCode(HttpStatus.BAD_REQUEST);
			return false;
		}
		Principal user = request.getPrincipal();
		if (user == null || !SiteAccess.canRead(user, siteId)) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		Optional<Site> site;
		try {
			site = this.sites.find(siteId);
		}
		catch (RuntimeException ex) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		if (site.isEmpty()) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		attributes.put(SITE, site.get());
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
