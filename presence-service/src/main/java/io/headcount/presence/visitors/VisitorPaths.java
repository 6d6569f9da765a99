package io.headcount.presence.visitors;

import org.jspecify.annotations.Nullable;

/**
 * The visitors API's routes: used by the controllers, the CORS source, the security
 * configuration's public paths (application.yaml) and the JavaScript client.
 */
final class VisitorPaths {

	static final String SITE = "/v1/sites/{siteId}";

	static final String SESSIONS = SITE + "/sessions";

	static final String SESSION = SESSIONS + "/{sessionId}";

	static final String VISITORS = SITE + "/visitors";

	static final String WEBSOCKET = "/ws/sites/*/visitors";

	/** What every session route starts with, before the site id. */
	static final String SITES_PREFIX = "/v1/sites/";

	private VisitorPaths() {
	}

	/** The site id of a session route ({@code /v1/sites/<id>/sessions...}), or null. */
	static @Nullable String siteOfSessionPath(String path) {
		if (!path.startsWith(SITES_PREFIX)) {
			return null;
		}
		int end = path.indexOf('/', SITES_PREFIX.length());
		if (end < 0 || !path.startsWith("/sessions", end)) {
			return null;
		}
		int after = end + "/sessions".length();
		if (after != path.length() && path.charAt(after) != '/') {
			return null;
		}
		return path.substring(SITES_PREFIX.length(), end);
	}

	/**
	 * {@code <siteId>/<sessionId>} of a route of one session
	 * ({@code /v1/sites/<id>/sessions/<id>[/heartbeat|/close]}), or null.
	 */
	static @Nullable String sessionOfPath(String path) {
		String site = siteOfSessionPath(path);
		if (site == null) {
			return null;
		}
		int start = SITES_PREFIX.length() + site.length() + "/sessions/".length();
		if (start >= path.length()) {
			return null;
		}
		int end = path.indexOf('/', start);
		String session = path.substring(start, (end < 0) ? path.length() : end);
		String rest = (end < 0) ? "" : path.substring(end);
		if (session.isEmpty() || !(rest.isEmpty() || rest.equals("/heartbeat") || rest.equals("/close"))) {
			return null;
		}
		return site + "/" + session;
	}

	/** The site id of a WebSocket path ({@code /ws/sites/<id>/visitors}), or null. */
	static @Nullable String siteOfWebSocketPath(String path) {
		String prefix = "/ws/sites/";
		if (!path.startsWith(prefix) || !path.endsWith("/visitors")) {
			return null;
		}
		String id = path.substring(prefix.length(), path.length() - "/visitors".length());
		return (id.isEmpty() || id.indexOf('/') >= 0) ? null : id;
	}

}
