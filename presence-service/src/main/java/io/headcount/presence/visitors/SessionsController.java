package io.headcount.presence.visitors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anonymous visitor sessions of a configured site. Every call is a CORS "simple" request
 * (POST without a body or with text/plain, no custom header), so browsers send it without
 * a preflight, and the close is what {@code navigator.sendBeacon} sends on page hide.
 */
@RestController
class SessionsController {

	private final Visitors visitors;

	SessionsController(Visitors visitors) {
		this.visitors = visitors;
	}

	/** Opens a session, optionally on a page or object. */
	@PostMapping(path = VisitorPaths.SESSIONS, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OpenedView> open(@PathVariable String siteId,
			@RequestParam(required = false) @Nullable String object,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent,
			HttpServletRequest request) {
		Visitors.Opened opened = this.visitors.open(siteId, object, request.getRemoteAddr(), userAgent);
		return ResponseEntity.status(HttpStatus.CREATED).body(OpenedView.of(opened));
	}

	/**
	 * Keeps a session live, optionally moving it to another object; 404 when it is not
	 * live any more: open a new one.
	 */
	@PostMapping(path = VisitorPaths.SESSION + "/heartbeat", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> heartbeat(@PathVariable String siteId, @PathVariable String sessionId,
			@RequestParam(required = false) @Nullable String object) {
		this.visitors.heartbeat(siteId, sessionId, object);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Closes a session; what {@code navigator.sendBeacon(url)} sends (any body is
	 * ignored). Closing twice is fine.
	 */
	@PostMapping(path = VisitorPaths.SESSION + "/close", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> beaconClose(@PathVariable String siteId, @PathVariable String sessionId) {
		this.visitors.close(siteId, sessionId);
		return ResponseEntity.noContent().build();
	}

	/** Closes a session. Closing twice is fine. */
	@DeleteMapping(path = VisitorPaths.SESSION, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> close(@PathVariable String siteId, @PathVariable String sessionId) {
		this.visitors.close(siteId, sessionId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param heartbeatSeconds heartbeat this often (with some random jitter)
	 * @param sessionTimeoutSeconds without a heartbeat for this long the session is gone
	 * @param inactivitySeconds stop heartbeating after this long without user activity
	 */
	record OpenedView(String sessionId, long heartbeatSeconds, long sessionTimeoutSeconds, long inactivitySeconds) {

		static OpenedView of(Visitors.Opened opened) {
			Site site = opened.site();
			return new OpenedView(opened.sessionId(), site.heartbeatInterval().toSeconds(),
					site.sessionTimeout().toSeconds(), site.inactivity().toSeconds());
		}

	}

}
