package io.headcount.presence.visitors;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.headcount.presence.visitors.VisitorStore.ObjectCount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sites' configuration (admin scope) and their live visitor counts (admin or the site's
 * reader scope).
 */
@RestController
class SitesController {

	/** An origin as browsers send it: scheme, host, optional port, nothing else. */
	static final String ORIGIN_REGEX = "https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?";

	private final Visitors visitors;

	private final VisitorsProperties properties;

	SitesController(Visitors visitors, VisitorsProperties properties) {
		this.visitors = visitors;
		this.properties = properties;
	}

	/** Creates or replaces a site's configuration. */
	@PutMapping(path = VisitorPaths.SITE, produces = MediaType.APPLICATION_JSON_VALUE)
	SiteView put(Principal user, @PathVariable String siteId, @Valid @RequestBody SiteSettings settings) {
		SiteAccess.requireAdmin(user);
		VisitorIds.site(siteId);
		if (settings.sessionTimeoutSeconds() <= settings.heartbeatSeconds()) {
			throw new InvalidVisitorInput("sessionTimeoutSeconds must be longer than heartbeatSeconds");
		}
		Site site = new Site(siteId, settings.allowedOrigins().stream().distinct().toList(),
				Duration.ofSeconds(settings.heartbeatSeconds()), Duration.ofSeconds(settings.sessionTimeoutSeconds()),
				Duration.ofSeconds(settings.inactivitySeconds()));
		return SiteView.of(this.visitors.sites().put(site));
	}

	@GetMapping(VisitorPaths.SITE)
	SiteView get(Principal user, @PathVariable String siteId) {
		SiteAccess.requireAdmin(user);
		return SiteView.of(this.visitors.sites().require(VisitorIds.site(siteId)));
	}

	/**
	 * Live sessions of the site (exact over its session timeout), on one object if asked,
	 * and its top objects.
	 */
	@GetMapping(VisitorPaths.VISITORS)
	VisitorsView visitors(Principal user, @PathVariable String siteId,
			@RequestParam(required = false) @Nullable String object,
			@RequestParam(required = false) @Nullable Integer top) {
		SiteAccess.requireReader(user, VisitorIds.site(siteId));
		int limit = (top != null) ? top : this.properties.topObjects();
		if (limit < 0 || limit > 100) {
			throw new InvalidVisitorInput("top must be between 0 and 100");
		}
		return VisitorsView.of(siteId, object, this.visitors.count(siteId, object, limit));
	}

	/**
	 * A site's configuration as sent.
	 *
	 * @param allowedOrigins where its pages are served from (CORS), at most 50
	 * @param heartbeatSeconds how often its pages heartbeat
	 * @param sessionTimeoutSeconds a session without a heartbeat for this long is gone
	 * (longer than the heartbeat interval; allow for late and lost heartbeats)
	 * @param inactivitySeconds a page whose user did nothing for this long stops
	 * heartbeating
	 */
	record SiteSettings(@NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = ORIGIN_REGEX) String> allowedOrigins,
			@NotNull @Min(1) @Max(3600) Integer heartbeatSeconds,
			@NotNull @Min(2) @Max(86400) Integer sessionTimeoutSeconds,
			@NotNull @Min(1) @Max(86400) Integer inactivitySeconds) {
	}

	record SiteView(String siteId, List<String> allowedOrigins, long heartbeatSeconds, long sessionTimeoutSeconds,
			long inactivitySeconds) {

		static SiteView of(Site site) {
			return new SiteView(site.id(), site.allowedOrigins(), site.heartbeatInterval().toSeconds(),
					site.sessionTimeout().toSeconds(), site.inactivity().toSeconds());
		}

	}

	/**
	 * @param concurrent live sessions of the site
	 * @param asOf Redis time of the count
	 * @param object the asked object's live sessions, if one was asked for
	 * @param top the objects with the most live sessions, most first
	 */
	record VisitorsView(String siteId, long concurrent, Instant asOf, @Nullable ObjectCount object,
			List<ObjectCount> top) {

		static VisitorsView of(String siteId, @Nullable String object, VisitorStore.Count count) {
			return new VisitorsView(siteId, count.concurrent(), count.asOf(),
					(object != null) ? new ObjectCount(object, count.onObject()) : null, count.top());
		}

	}

}
