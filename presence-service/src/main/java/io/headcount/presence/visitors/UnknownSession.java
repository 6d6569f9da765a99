package io.headcount.presence.visitors;

/**
 * A heartbeat for a session that is not live (never opened, closed, or past its timeout):
 * 404, and the client opens a new session.
 */
class UnknownSession extends RuntimeException {

	UnknownSession(String siteId, String sessionId) {
		super("Session " + sessionId + " of site " + siteId + " is not live (closed or timed out): open a new one");
	}

}
