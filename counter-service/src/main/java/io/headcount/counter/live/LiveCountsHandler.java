package io.headcount.counter.live;

import java.util.ArrayList;
import java.util.List;

import io.headcount.counter.counters.CounterProperties;
import io.headcount.counter.counters.MalformedObjectId;
import io.headcount.counter.counters.ObjectIds;
import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.MessageRefusedException;
import io.headcount.platform.websocket.WebSocketSessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

/**
 * {@code /ws/counters}. Client frames: {@code {"type":"subscribe","objects":["p1",...]}}
 * and {@code {"type":"unsubscribe","objects":[...]}}. Server frames: {@code subscribed}
 * and {@code unsubscribed} (the ids that frame changed, and how many are watched),
 * {@code counts} ({@code objectId, seq, version, counters, updatedAt}) and {@code error}.
 * Framing, authentication, send limits and slow-consumer coalescing are platform's
 * ({@link JsonWebSocketHandler}).
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
			throw new MessageRefusedException("bad-object-id", ex.detail());
		}
		switch ((command.type() != null) ? command.type() : "") {
			case "subscribe" -> {
				List<String> adding = ids.stream().distinct().filter((id) -> !watcher.objects.contains(id)).toList();
				if (watcher.objects.size() + adding.size() > this.maxSubscriptions) {
					throw new MessageRefusedException("too-many-subscriptions",
							"At most " + this.maxSubscriptions + " objects per connection; watching "
									+ watcher.objects.size() + ", asked for " + adding.size() + " more.");
				}
				this.live.watch(watcher, adding);
				// only what changed: the answer is bounded by the frame that asked, not
				// by the
				// connection's whole subscription list (issue 10 item 6)
				session.send(new Subscribed("subscribed", adding, watcher.objects.size()));
			}
			case "unsubscribe" -> {
				List<String> removing = ids.stream().distinct().filter(watcher.objects::contains).toList();
				this.live.unwatch(watcher, removing);
				session.send(new Subscribed("unsubscribed", removing, watcher.objects.size()));
			}
			default -> throw new MessageRefusedException("unknown-type", "type must be subscribe or unsubscribe");
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

	/**
	 * What one subscribe or unsubscribe changed.
	 *
	 * @param objects the ids newly watched (or no longer watched)
	 * @param watching how many objects the connection watches now
	 */
	record Subscribed(String type, List<String> objects, int watching) {
	}

}
