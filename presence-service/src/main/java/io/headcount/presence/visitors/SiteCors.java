package io.headcount.presence.visitors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS of the session API, per site: a site's pages may call it from the origins its
 * configuration allows, and from nowhere else (the browser's preflight and Spring
 * Security's CORS filter refuse other origins with 403 before anything is counted). Every
 * other path has no CORS configuration, as platform's default source. Credentials are not
 * allowed: the client sends none, and a session id is all a call carries.
 */
class SiteCors implements CorsConfigurationSource {

	private static final Pattern SITE_ID = Pattern.compile(VisitorIds.SITE_ID_REGEX);

	private final Sites sites;

	SiteCors(Sites sites) {
		this.sites = sites;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String siteId = VisitorPaths.siteOfSessionPath(request.getRequestURI());
		if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
			return null;
		}
		Optional<Site> site;
		try {
			site = this.sites.find(siteId);
		}
		catch (RuntimeException ex) {
			// Redis unavailable: the request itself gets its 503 from the controller
			return null;
		}
		return site.map(SiteCors::configuration).orElse(null);
	}

	private static CorsConfiguration configuration(Site site) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(site.allowedOrigins());
		cors.setAllowedMethods(List.of("POST", "DELETE"));
		cors.setAllowedHeaders(List.of("Content-Type"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}

}
