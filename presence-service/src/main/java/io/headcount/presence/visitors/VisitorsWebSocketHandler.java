package io.headcount.presence.visitors;

import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.MessageRefusedException;
import io.headcount.platform.websocket.WebSocketSessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/sites/{siteId}/visitors}: pushes the site's count (and top objects) each
 * push interval in which it changed; {@code ?object=} or a {@code watch} frame adds one
 * object's count. The handshake was checked by {@link SiteReaderCheck}.
 */
class VisitorsWebSocketHandler extends JsonWebSocketHandler<WatchFrame> {

	private final Watchers watchers;

	VisitorsWebSocketHandler(Watchers watchers, WebSocketSessions sessions, JsonMapper json) {
		super(WatchFrame.class, sessions, json);
		this.watchers = watchers;
	}

	@Override
	protected void onOpen(LiveSession session) {
		Site site = (Site) session.attributes().get(SiteReaderCheck.SITE);
		if (site == null) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("no site"));
			return;
		}
		String object = (session.uri() != null)
				? UriComponentsBuilder.fromUri(session.uri()).build().getQueryParams().getFirst("object") : null;
		try {
			VisitorIds.object(object);
		}
		catch (InvalidVisitorInput ex) {
			session.close(CloseStatus.BAD_DATA.withReason(ex.getMessage()));
			return;
		}
		this.watchers.watch(session, site, object);
	}

	@Override
	protected void onMessage(LiveSession session, WatchFrame frame) {
		if (!"watch".equals(frame.type())) {
			throw new MessageRefusedException("invalid-frame", "the only frame is {\"type\":\"watch\",\"object\":…}");
		}
		Site site = (Site) session.attributes().get(SiteReaderCheck.SITE);
		try {
			VisitorIds.object(frame.object());
		}
		catch (InvalidVisitorInput ex) {
			throw new MessageRefusedException("invalid-frame", ex.getMessage());
		}
		this.watchers.watch(session, site, frame.object());
	}

	@Override
	protected void onClose(LiveSession session, CloseStatus status) {
		this.watchers.unwatch(session);
	}

}
