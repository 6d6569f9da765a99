package io.headcount.counter.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.headcount.counter.config.CounterProperties;
import io.headcount.counter.counters.ObjectIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/counters}. Client frames: {@code {"type":"subscribe","objects":["p1",...]}} and
 * {@code {"type":"unsubscribe","objects":[...]}}. Server frames: {@code subscribed} (the watched set),
 * {@code counts} ({@code objectId, seq, version, counters, updatedAt}: {@code seq} counts this
 * connection's messages, {@code version} the object's changes, both only grow) and {@code error}.
 */
class LiveCountsHandler extends TextWebSocketHandler {

	private static final String SESSION = "headcount.live";

	private final LiveCounts live;

	private final JsonMapper json;

	private final int maxSubscriptions;

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	LiveCountsHandler(LiveCounts live, JsonMapper json, CounterProperties properties) {
		this.live = live;
		this.json = json;
		this.maxSubscriptions = properties.live().maxSubscriptions();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// a send that takes over 5 s means a dead consumer: close it rather than block its sender
		WebSocketSession guarded = new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
		session.getAttributes().put(SESSION, new LiveSession(guarded, this.senders, this.json));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		LiveSession live = (LiveSession) session.getAttributes().get(SESSION);
		JsonNode frame;
		try {
			frame = this.json.readTree(message.getPayload());
		}
		catch (RuntimeException ex) {
			session.close(CloseStatus.BAD_DATA.withReason("Frames are JSON objects"));
			return;
		}
		String type = frame.path("type").asString("");
		List<String> ids = new ArrayList<>();
		try {
			for (JsonNode id : frame.path("objects")) {
				ids.add(ObjectIds.objectId(id.asString("")));
			}
		}
		catch (ErrorResponseException ex) {
			live.sendControl(error(ex.getBody().getDetail()));
			return;
		}
		switch (type) {
			case "subscribe" -> {
				long adding = ids.stream().distinct().filter((id) -> !live.objects.contains(id)).count();
				if (live.objects.size() + adding > this.maxSubscriptions) {
					live.sendControl(error("At most " + this.maxSubscriptions + " objects per connection; watching "
							+ live.objects.size() + ", asked for " + adding + " more."));
					return;
				}
				this.live.watch(live, ids);
				live.sendControl(subscribed(live));
			}
			case "unsubscribe" -> {
				this.live.unwatch(live, ids);
				live.sendControl(subscribed(live));
			}
			default -> live.sendControl(error("type must be subscribe or unsubscribe"));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		LiveSession live = (LiveSession) session.getAttributes().remove(SESSION);
		if (live != null) {
			this.live.remove(live);
		}
	}

	private static Map<String, Object> subscribed(LiveSession live) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "subscribed");
		frame.put("objects", List.copyOf(live.objects));
		return frame;
	}

	private static Map<String, Object> error(String detail) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "error");
		frame.put("detail", detail);
		return frame;
	}

}
