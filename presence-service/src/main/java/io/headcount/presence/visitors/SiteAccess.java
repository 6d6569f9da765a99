package io.headcount.presence.visitors;

import java.security.Principal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may do what with a site: operators (scope {@code admin}) configure sites and read
 * every count; a site's own dashboards read its count with the scope
 * {@code site-reader:<siteId>}.
 */
final class SiteAccess {

	static final String ADMIN = "SCOPE_admin";

	static final String READER_PREFIX = "SCOPE_site-reader:";

	private SiteAccess() {
	}

	static boolean isAdmin(Principal user) {
		return has(user, ADMIN);
	}

	static boolean canRead(Principal user, String siteId) {
		return has(user, ADMIN) || has(user, READER_PREFIX + siteId);
	}

	static void requireAdmin(Principal user) {
		if (!isAdmin(user)) {
			throw new AccessDeniedException("Configuring sites needs the admin scope");
		}
	}

	static void requireReader(Principal user, String siteId) {
		if (!canRead(user, siteId)) {
			throw new AccessDeniedException(
					"Reading the visitors of " + siteId + " needs the admin or site-reader:" + siteId + " scope");
		}
	}

	private static boolean has(Principal user, String authority) {
		if (user instanceof Authentication authentication) {
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (authority.equals(granted.getAuthority())) {
					return true;
				}
			}
		}
		return false;
	}

}
