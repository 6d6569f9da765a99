package io.headcount.presence.subscriptions;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.WebSocketProperties;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.DeviceCommand;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The /ws/presence protocol (docs/presence.md) on platform's WebSocket plumbing (JSON frames, limits,
 * coalescing, close codes). Client frames: {@code subscribe}, {@code unsubscribe}, {@code heartbeat},
 * {@code status}; server frames: {@code snapshot}, {@code presence}, {@code ack}, {@code error}. Input
 * this endpoint refuses closes the connection before anything is changed: 1007 for a bad user id or
 * frame content, 1008 for more than the allowed subscriptions.
 */
class PresenceWebSocketHandler extends JsonWebSocketHandler<ClientFrame> {

	private static final Logger logger = LoggerFactory.getLogger(PresenceWebSocketHandler.class);

	private static final int MAX_USER_ID_LENGTH = 256;

	private final PresenceService presence;

	private final SubscriptionHub hub;

	private final PresenceProperties properties;

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	/** Open connections per user and device on this instance: only the last one to close lingers. */
	private final Map<String, Integer> devices = new ConcurrentHashMap<>();

	/** Snapshots and acks are written here, never on a Redis I/O thread. */
	private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();

	PresenceWebSocketHandler(PresenceService presence, SubscriptionHub hub, PresenceProperties properties,
			WebSocketSessions sessions, JsonMapper json, WebSocketProperties webSocket) {
		super(ClientFrame.class, sessions, json, webSocket);
		this.presence = presence;
		this.hub = hub;
		this.properties = properties;
	}

	int openConnections() {
		return this.connections.size();
	}

	@Override
	protected void onOpen(LiveSession session) {
		URI uri = session.uri();
		String deviceId = (uri != null) ? UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("deviceId")
				: null;
		if (deviceId == null) {
			deviceId = "ws-" + UUID.randomUUID().toString().substring(0, 13);
		}
		else if (!DeviceCommand.DEVICE_ID.matcher(deviceId).matches()) {
			session.close(CloseStatus.BAD_DATA.withReason("deviceId must match " + DeviceCommand.DEVICE_ID.pattern()));
			return;
		}
		Connection connection = new Connection(session, session.userId(), deviceId, PresenceWebSocketHandler::frame);
		this.connections.put(session.id(), connection);
		this.devices.merge(deviceKey(connection), 1, Integer::sum);
		quietly(this.presence.heartbeat(connection.userId(), deviceId));
	}

	@Override
	protected void onMessage(LiveSession session, ClientFrame frame) {
		Connection connection = this.connections.get(session.id());
		if (connection == null) {
			return;
		}
		connection.seen();
		if (frame.id() != null && frame.id().length() > 64) {
			session.close(CloseStatus.BAD_DATA.withReason("id is limited to 64 characters"));
			return;
		}
		switch (frame) {
			case ClientFrame.Subscribe subscribe -> subscribe(connection, subscribe);
			case ClientFrame.Unsubscribe unsubscribe -> unsubscribe(connection, unsubscribe);
			case ClientFrame.Heartbeat heartbeat -> {
				connection.signedOff(false);
				reply(connection, heartbeat.id(), this.presence.heartbeat(connection.userId(), connection.deviceId()));
			}
			case ClientFrame.SetStatus set -> {
				if (set.status() == null) {
					session.close(CloseStatus.BAD_DATA.withReason("status must be online, away, offline or invisible"));
					return;
				}
				connection.signedOff(set.status() == PresenceStatus.OFFLINE);
				reply(connection, set.id(), this.presence.set(connection.userId(), connection.deviceId(), set.status()));
			}
		}
	}

	@Override
	protected void onClose(LiveSession session, CloseStatus status) {
		Connection connection = this.connections.remove(session.id());
		if (connection == null) {
			return;
		}
		this.hub.unwatch(connection, connection.watched());
		boolean last = this.devices.computeIfPresent(deviceKey(connection),
				(key, open) -> (open > 1) ? open - 1 : null) == null;
		if (last && !connection.signedOff()) {
			// not offline yet: a reconnect within the grace window is then not broadcast
			quietly(this.presence.linger(connection.userId(), connection.deviceId()));
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		Connection connection = this.connections.get(session.getId());
		if (connection != null) {
			connection.seen();
		}
	}

	private void subscribe(Connection connection, ClientFrame.Subscribe subscribe) {
		List<String> userIds = userIds(connection, subscribe.userIds());
		if (userIds == null) {
			return;
		}
		int max = this.properties.maxSubscriptionsPerConnection();
		if (!connection.addWatched(userIds, max)) {
			connection.session().close(CloseStatus.POLICY_VIOLATION.withReason("at most " + max + " users per connection"));
			return;
		}
		this.hub.watch(connection, userIds)
			.thenCompose((subscribed) -> this.presence.read(connection.userId(), userIds))
			.whenCompleteAsync((views, failure) -> {
				if (failure != null) {
					connection.session().sendError("unavailable", "subscribe failed: " + rootMessage(failure));
					return;
				}
				connection.session().send(new SnapshotFrame("snapshot", subscribe.id(), connection.acceptSnapshot(views)));
			}, this.replies);
	}

	private void unsubscribe(Connection connection, ClientFrame.Unsubscribe unsubscribe) {
		List<String> userIds = userIds(connection, unsubscribe.userIds());
		if (userIds == null) {
			return;
		}
		connection.removeWatched(userIds);
		this.hub.unwatch(connection, userIds);
		if (unsubscribe.id() != null) {
			connection.session().send(new AckFrame("ack", unsubscribe.id()));
		}
	}

	/** The distinct ids, or null after closing the connection for a bad list. */
	private List<String> userIds(Connection connection, List<String> ids) {
		int max = this.properties.maxSubscriptionsPerConnection();
		if (ids == null || ids.isEmpty()) {
			connection.session().close(CloseStatus.BAD_DATA.withReason("userIds must be a non-empty array of user ids"));
			return null;
		}
		if (ids.size() > max) {
			connection.session().close(CloseStatus.POLICY_VIOLATION.withReason("at most " + max + " users per connection"));
			return null;
		}
		for (String id : ids) {
			if (id == null || id.isBlank() || id.length() > MAX_USER_ID_LENGTH) {
				connection.session().close(CloseStatus.BAD_DATA
					.withReason("each user id must be a string of 1 to " + MAX_USER_ID_LENGTH + " characters"));
				return null;
			}
		}
		return List.copyOf(new LinkedHashSet<>(ids));
	}

	private void reply(Connection connection, String id, CompletableFuture<?> operation) {
		operation.whenCompleteAsync((result, failure) -> {
			if (failure != null) {
				connection.session().sendError("unavailable", rootMessage(failure));
			}
			else if (id != null) {
				connection.session().send(new AckFrame("ack", id));
			}
		}, this.replies);
	}

	/** Every d/2: keeps open connections' devices alive, pings them, closes those that stopped answering. */
	void keepAlive(Duration silenceLimit) {
		long now = System.nanoTime();
		for (Connection connection : this.connections.values()) {
			if (now - connection.lastSeenNanos() > silenceLimit.toNanos()) {
				connection.session().close(CloseStatus.GOING_AWAY.withReason("no pong"));
				continue;
			}
			if (!connection.signedOff()) {
				quietly(this.presence.heartbeat(connection.userId(), connection.deviceId()));
			}
			connection.session().ping();
		}
	}

	void shutdown() {
		this.replies.shutdown();
	}

	private static String deviceKey(Connection connection) {
		return connection.deviceId() + '|' + connection.userId();
	}

	private static Object frame(PresenceView view) {
		return new PresenceFrame("presence", view.userId(), view.status(), view.lastActiveAt(), view.seq());
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

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SnapshotFrame(String type, String id, List<PresenceView> users) {
	}

	record PresenceFrame(String type, String userId, PresenceStatus status, Instant lastActiveAt, long seq) {
	}

	record AckFrame(String type, String id) {
	}

}
