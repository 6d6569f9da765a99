package io.headcount.counter.live;

import java.util.ArrayList;
import java.util.List;

import io.headcount.counter.counters.CounterProperties;
import io.headcount.counter.counters.MalformedObjectId;
import io.headcount.counter.counters.ObjectIds;
import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.WebSocketSessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

/**
 * {@code /ws/counters}. Client frames: {@code {"type":"subscribe","objects":["p1",...]}}
 * and {@code {"type":"unsubscribe","objects":[...]}}. Server frames: {@code subscribed}
 * (the watched set), {@code counts} ({@code objectId, seq, version, counters, updatedAt})
 * and {@code error}. Framing, authentication, send limits and slow-consumer coalescing
 * are platform's ({@link JsonWebSocketHandler}).
 */
class LiveCountsHandler extends JsonWebSocketHandler<LiveCountsHandler.Command> {

	private static final String WATCHER = "headcount.counter.watcher";

	private final LiveCounts live;

	private final int maxSubscriptions;

	LiveCountsHandler(LiveCounts live, WebSocketSessions sessions, JsonMapper json, CounterProperties properties) {
		super(Command.class, sessions, json);
		this.live = live;
		this.maxSubscriptions = properties.live().maxSubscriptions();
	}

	@Override
	protected void onOpen(LiveSession session) {
		session.attributes().put(WATCHER, new Watcher(session));
	}

	@Override
	protected void onMessage(LiveSession session, Command command) {
		Watcher watcher = (Watcher) session.attributes().get(WATCHER);
		List<String> ids = new ArrayList<>();
		try {
			for (String id : (command.objects() != null) ? command.objects() : List.<String>of()) {
				ids.add(ObjectIds.objectId(id));
			}
		}
		catch (MalformedObjectId ex) {
			session.sendError("bad-object-id", ex.detail());
			return;
		}
		switch ((command.type() != null) ? command.type() : "") {
			case "subscribe" -> {
				long adding = ids.stream().distinct().filter((id) -> !watcher.objects.contains(id)).count();
				if (watcher.objects.size() + adding > this.maxSubscriptions) {
					session.sendError("too-many-subscriptions",
							"At most " + this.maxSubscriptions + " objects per connection; watching "
									+ watcher.objects.size() + ", asked for " + adding + " more.");
					return;
				}
				this.live.watch(watcher, ids);
				session.send(new Subscribed(List.copyOf(watcher.objects)));
			}
			case "unsubscribe" -> {
				this.live.unwatch(watcher, ids);
				session.send(new Subscribed(List.copyOf(watcher.objects)));
			}
			default -> session.sendError("unknown-type", "type must be subscribe or unsubscribe");
		}
	}

	@Override
	protected void onClose(LiveSession session, CloseStatus status) {
		Watcher watcher = (Watcher) session.attributes().remove(WATCHER);
		if (watcher != null) {
			this.live.remove(watcher);
		}
	}

	/** A client frame. */
	record Command(String type, List<String> objects) {
	}

	/** The objects this connection watches now. */
	record Subscribed(String type, List<String> objects) {

		Subscribed(List<String> objects) {
			this("subscribed", objects);
		}

	}

}
