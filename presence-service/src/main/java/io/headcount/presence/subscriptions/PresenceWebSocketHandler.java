package io.headcount.presence.subscriptions;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.DeviceCommand;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceView;
import io.headcount.presence.subscriptions.Connection.FrameTooBigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The /ws/presence protocol (see docs/presence.md). Client frames: {@code subscribe}, {@code unsubscribe}
 * (userIds), {@code heartbeat}, {@code status}; server frames: {@code snapshot}, {@code presence},
 * {@code ack}, {@code error}. Bad input closes the connection with 1003, 1007, 1008 or 1009 and a
 * reason, before anything is changed.
 */
class PresenceWebSocketHandler extends AbstractWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(PresenceWebSocketHandler.class);

	private static final int MAX_USER_ID_LENGTH = 256;

	private final PresenceService presence;

	private final SubscriptionHub hub;

	private final PresenceProperties properties;

	private final JsonMapper json;

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	/** Open connections per user and device on this instance: only the last one to close lingers. */
	private final Map<String, Integer> devices = new ConcurrentHashMap<>();

	PresenceWebSocketHandler(PresenceService presence, SubscriptionHub hub, PresenceProperties properties,
			JsonMapper json) {
		this.presence = presence;
		this.hub = hub;
		this.properties = properties;
		this.json = json;
	}

	int openConnections() {
		return this.connections.size();
	}

	Iterable<Connection> connections() {
		return this.connections.values();
	}

	@Override
	public boolean supportsPartialMessages() {
		// lets Tomcat keep small per-connection buffers while a large subscribe frame still fits
		return true;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		Principal principal = session.getPrincipal();
		if (principal == null) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("authentication required"));
			return;
		}
		String deviceId = (session.getUri() != null)
				? UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("deviceId") : null;
		if (deviceId == null) {
			deviceId = "ws-" + UUID.randomUUID().toString().substring(0, 13);
		}
		else if (!DeviceCommand.DEVICE_ID.matcher(deviceId).matches()) {
			session.close(CloseStatus.BAD_DATA.withReason("deviceId must match " + DeviceCommand.DEVICE_ID.pattern()));
			return;
		}
		Connection connection = new Connection(session, principal.getName(), deviceId,
				2 * this.properties.maxSubscriptionsPerConnection() + 16, this::presenceFrame);
		this.connections.put(session.getId(), connection);
		this.devices.merge(deviceKey(connection), 1, Integer::sum);
		quietly(this.presence.heartbeat(connection.userId(), deviceId));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Connection connection = this.connections.get(session.getId());
		if (connection == null) {
			return;
		}
		connection.seen();
		String text;
		try {
			text = connection.assemble(message.getPayload(), message.isLast(), this.properties.maxFrameBytes());
		}
		catch (FrameTooBigException ex) {
			connection.close(CloseStatus.TOO_BIG_TO_PROCESS
				.withReason("frames are limited to " + this.properties.maxFrameBytes() + " bytes"));
			return;
		}
		if (text != null) {
			try {
				handle(connection, text);
			}
			catch (BadFrameException ex) {
				connection.close(ex.status);
			}
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		session.close(CloseStatus.NOT_ACCEPTABLE.withReason("only JSON text frames are accepted"));
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		Connection connection = this.connections.get(session.getId());
		if (connection != null) {
			connection.seen();
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Connection connection = this.connections.remove(session.getId());
		if (connection == null) {
			return;
		}
		this.hub.unwatch(connection, connection.watched());
		boolean last = this.devices.computeIfPresent(deviceKey(connection), (key, open) -> (open > 1) ? open - 1 : null) == null;
		if (last && !connection.signedOff()) {
			// not offline yet: a reconnect within the grace window is then not broadcast
			quietly(this.presence.linger(connection.userId(), connection.deviceId()));
		}
	}

	private static String deviceKey(Connection connection) {
		return connection.deviceId() + '|' + connection.userId();
	}

	private void handle(Connection connection, String text) throws BadFrameException {
		JsonNode frame;
		try {
			frame = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw bad("malformed JSON");
		}
		if (frame == null || !frame.isObject()) {
			throw bad("a frame must be a JSON object");
		}
		JsonNode idNode = frame.get("id");
		String id = (idNode == null || idNode.isNull()) ? null : idNode.asString();
		if (id != null && id.length() > 64) {
			throw bad("id is limited to 64 characters");
		}
		String type = frame.path("type").asString("");
		switch (type) {
			case "subscribe" -> subscribe(connection, userIds(frame), id);
			case "unsubscribe" -> unsubscribe(connection, userIds(frame), id);
			case "heartbeat" -> {
				connection.signedOff(false);
				reply(connection, id, this.presence.heartbeat(connection.userId(), connection.deviceId()));
			}
			case "status" -> {
				PresenceStatus status;
				try {
					status = PresenceStatus.of(frame.path("status").asString(null));
				}
				catch (IllegalArgumentException ex) {
					throw bad(ex.getMessage());
				}
				connection.signedOff(status == PresenceStatus.OFFLINE);
				reply(connection, id, this.presence.set(connection.userId(), connection.deviceId(), status));
			}
			default -> throw bad("unknown frame type '" + type + "': expected subscribe, unsubscribe, heartbeat or status");
		}
	}

	private void subscribe(Connection connection, List<String> userIds, String id) throws BadFrameException {
		int max = this.properties.maxSubscriptionsPerConnection();
		List<String> added = new ArrayList<>();
		for (String userId : userIds) {
			if (!connection.isWatching(userId)) {
				added.add(userId);
			}
		}
		if (!connection.addWatched(added, added.size(), max)) {
			throw new BadFrameException(CloseStatus.POLICY_VIOLATION.withReason("at most " + max + " users per connection"));
		}
		this.hub.watch(connection, added)
			.thenCompose((subscribed) -> this.presence.read(connection.userId(), userIds))
			.whenComplete((views, failure) -> {
				if (failure != null) {
					error(connection, id, "subscribe failed: " + rootMessage(failure));
					return;
				}
				List<PresenceView> fresh = connection.acceptSnapshot(views);
				connection.sendSnapshot(write(new SnapshotFrame("snapshot", id, fresh)));
			});
	}

	private void unsubscribe(Connection connection, List<String> userIds, String id) {
		connection.removeWatched(userIds);
		this.hub.unwatch(connection, userIds);
		if (id != null) {
			connection.sendControl("ack:" + id, write(new AckFrame("ack", id)));
		}
	}

	private List<String> userIds(JsonNode frame) throws BadFrameException {
		JsonNode ids = frame.get("userIds");
		if (ids == null || !ids.isArray() || ids.isEmpty()) {
			throw bad("userIds must be a non-empty array of user ids");
		}
		if (ids.size() > this.properties.maxSubscriptionsPerConnection()) {
			throw new BadFrameException(CloseStatus.POLICY_VIOLATION
				.withReason("at most " + this.properties.maxSubscriptionsPerConnection() + " users per connection"));
		}
		Set<String> result = new LinkedHashSet<>();
		for (JsonNode node : ids) {
			if (!node.isString() || node.asString().isBlank() || node.asString().length() > MAX_USER_ID_LENGTH) {
				throw bad("each user id must be a string of 1 to " + MAX_USER_ID_LENGTH + " characters");
			}
			result.add(node.asString());
		}
		return List.copyOf(result);
	}

	private void reply(Connection connection, String id, CompletableFuture<?> operation) {
		operation.whenComplete((result, failure) -> {
			if (failure != null) {
				error(connection, id, rootMessage(failure));
			}
			else if (id != null) {
				connection.sendControl("ack:" + id, write(new AckFrame("ack", id)));
			}
		});
	}

	private void error(Connection connection, String id, String detail) {
		connection.sendControl("error", write(new ErrorFrame("error", id, detail)));
	}

	private String presenceFrame(PresenceView view) {
		return write(new PresenceFrame("presence", view.userId(), view.status(), view.lastActiveAt(), view.seq()));
	}

	private String write(Object frame) {
		return this.json.writeValueAsString(frame);
	}

	private static String rootMessage(Throwable failure) {
		Throwable t = failure;
		while (t.getCause() != null) {
			t = t.getCause();
		}
		return String.valueOf(t.getMessage());
	}

	private static void quietly(CompletableFuture<?> operation) {
		operation.exceptionally((failure) -> {
			logger.warn("Presence update for a WebSocket failed: {}", rootMessage(failure));
			return null;
		});
	}

	private static BadFrameException bad(String reason) {
		return new BadFrameException(CloseStatus.BAD_DATA.withReason(reason));
	}

	/** Runs every d: keeps open connections' devices alive, pings them, drops those that stopped answering. */
	void keepAlive(Duration silenceLimit) {
		long now = System.nanoTime();
		for (Connection connection : this.connections.values()) {
			if (now - connection.lastSeenNanos() > silenceLimit.toNanos()) {
				connection.close(CloseStatus.GOING_AWAY.withReason("no pong"));
				continue;
			}
			if (!connection.signedOff()) {
				quietly(this.presence.heartbeat(connection.userId(), connection.deviceId()));
			}
			connection.ping();
		}
	}

	static final class BadFrameException extends Exception {

		final CloseStatus status;

		BadFrameException(CloseStatus status) {
			super(status.getReason(), null, false, false);
			this.status = status;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SnapshotFrame(String type, String id, List<PresenceView> users) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PresenceFrame(String type, String userId, PresenceStatus status, Instant lastActiveAt, long seq) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AckFrame(String type, String id) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ErrorFrame(String type, String id, String detail) {
	}

}
