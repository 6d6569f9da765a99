package io.headcount.presence.visitors;

/** No site with this id is configured: 404, and nothing is counted. */
class UnknownSite extends RuntimeException {

	UnknownSite(String siteId) {
		super("No site " + siteId + " is configured");
	}

}
