package io.headcount.presence.visitors;

import java.time.Duration;
import java.util.List;

/**
 * A site's configuration: who may call its session API from a browser, and its timing.
 *
 * @param id the site id ({@link VisitorIds#SITE_ID_REGEX})
 * @param allowedOrigins the origins its pages are served from (CORS), e.g.
 * {@code https://www.example.com}
 * @param heartbeatInterval how often its pages heartbeat
 * @param sessionTimeout a session without a heartbeat for this long is gone
 * @param inactivity a page whose user did nothing for this long stops heartbeating
 */
record Site(String id, List<String> allowedOrigins, Duration heartbeatInterval, Duration sessionTimeout,
		Duration inactivity) {

	Site {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

}
