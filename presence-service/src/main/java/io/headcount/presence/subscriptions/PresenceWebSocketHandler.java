package io.headcount.presence.subscriptions;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.headcount.platform.websocket.JsonWebSocketHandler;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.platform.websocket.MessageRefusedException;
import io.headcount.platform.websocket.WebSocketSessions;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.DeviceCommand;
import io.headcount.presence.status.InvalidUserIds;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceView;
import io.headcount.presence.status.TooManyUserIds;
import io.headcount.presence.status.UserIds;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The /ws/presence protocol (docs/presence.md) on platform's WebSocket plumbing (JSON
 * frames, limits, close codes). Client frames: {@code subscribe}, {@code unsubscribe},
 * {@code heartbeat}, {@code status}; server frames: {@code snapshot}, {@code presence},
 * {@code ack}, {@code error}. A valid frame this endpoint refuses (a missing or bad
 * field, more than the allowed subscriptions) is answered with an error frame before
 * anything is changed, and the connection stays open, as platform's WebSocket policy
 * says; a malformed {@code deviceId} at the handshake closes with 1007.
 */
class PresenceWebSocketHandler extends JsonWebSocketHandler<ClientFrame> {

	private static final int MAX_FRAME_ID_LENGTH = 64;

	private final PresenceService presence;

	private final SubscriptionHub hub;

	private final PresenceProperties properties;

	private final Connections connections;

	/** Snapshots and acks are written here, never on a Redis I/O thread. */
	private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();

	PresenceWebSocketHandler(PresenceService presence, SubscriptionHub hub, PresenceProperties properties,
			Connections connections, WebSocketSessions sessions, JsonMapper json) {
		super(ClientFrame.class, sessions, json);
		this.presence = presence;
		this.hub = hub;
		this.properties = properties;
		this.connections = connections;
	}

	@Override
	protected void onOpen(LiveSession session) {
		URI uri = session.uri();
		String deviceId = (uri != null)
				? UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("deviceId") : null;
		if (deviceId == null) {
			deviceId = "ws-" + UUID.randomUUID().toString().substring(0, 13);
		}
		else if (!DeviceCommand.DEVICE_ID.matcher(deviceId).matches()) {
			session.close(CloseStatus.BAD_DATA.withReason("deviceId must match " + DeviceCommand.DEVICE_ID.pattern()));
			return;
		}
		Connection connection = new Connection(session, session.userId(), deviceId, PresenceWebSocketHandler::frame);
		this.connections.opened(session.id(), connection);
		Failures.quietly(this.presence.heartbeat(connection.userId(), deviceId));
	}

	@Override
	protected void onMessage(LiveSession session, ClientFrame frame) {
		Connection connection = this.connections.get(session.id());
		if (connection == null) {
			return;
		}
		connection.seen();
		if (frame.id() != null && frame.id().length() > MAX_FRAME_ID_LENGTH) {
			throw invalid("id is limited to " + MAX_FRAME_ID_LENGTH + " characters");
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
					throw invalid("status must be online, away, offline or invisible");
				}
				connection.signedOff(set.status() == PresenceStatus.OFFLINE);
				reply(connection, set.id(),
						this.presence.set(connection.userId(), connection.deviceId(), set.status()));
			}
		}
	}

	@Override
	protected void onClose(LiveSession session, CloseStatus status) {
		Connections.Closed closed = this.connections.closed(session.id());
		if (closed == null) {
			return;
		}
		Connection connection = closed.connection();
		this.hub.unwatch(connection, connection.watched());
		if (closed.lastOfDevice() && !connection.signedOff()) {
			// not offline yet: a reconnect within the grace window is then not broadcast
			Failures.quietly(this.presence.linger(connection.userId(), connection.deviceId()));
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
		List<String> userIds = userIds(subscribe.userIds());
		int max = this.properties.maxSubscriptionsPerConnection();
		if (!connection.addWatched(userIds, max)) {
			throw tooMany(max);
		}
		this.hub.watch(connection, userIds)
			.thenCompose((subscribed) -> this.presence.read(connection.userId(), userIds))
			.whenCompleteAsync((views, failure) -> {
				if (failure != null) {
					connection.session().sendError("unavailable", "subscribe failed: " + Failures.rootMessage(failure));
					return;
				}
				connection.session()
					.send(new SnapshotFrame("snapshot", subscribe.id(), connection.acceptSnapshot(views)));
			}, this.replies);
	}

	private void unsubscribe(Connection connection, ClientFrame.Unsubscribe unsubscribe) {
		List<String> userIds = userIds(unsubscribe.userIds());
		connection.removeWatched(userIds);
		this.hub.unwatch(connection, userIds);
		if (unsubscribe.id() != null) {
			connection.session().send(new AckFrame("ack", unsubscribe.id()));
		}
	}

	/** The distinct ids of a frame; refuses the frame for a bad list. */
	private List<String> userIds(@Nullable List<@Nullable String> ids) {
		try {
			return UserIds.distinct(ids, this.properties.maxSubscriptionsPerConnection());
		}
		catch (TooManyUserIds ex) {
			throw tooMany(ex.max());
		}
		catch (InvalidUserIds ex) {
			throw invalid(ex.getMessage());
		}
	}

	private void reply(Connection connection, @Nullable String id, CompletableFuture<?> operation) {
		operation.whenCompleteAsync((result, failure) -> {
			if (failure != null) {
				connection.session().sendError("unavailable", Failures.rootMessage(failure));
			}
			else if (id != null) {
				connection.session().send(new AckFrame("ack", id));
			}
		}, this.replies);
	}

	void shutdown() {
		this.replies.shutdown();
	}

	private static MessageRefusedException invalid(String detail) {
		return new MessageRefusedException("invalid-frame", detail);
	}

	private static MessageRefusedException tooMany(int max) {
		return new MessageRefusedException("too-many-subscriptions", "at most " + max + " users per connection");
	}

	private static Object frame(PresenceView view) {
		return new PresenceFrame("presence", view.userId(), view.status(), view.lastActiveAt(), view.seq());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SnapshotFrame(String type, @Nullable String id, List<PresenceView> users) {
	}

	record PresenceFrame(String type, String userId, PresenceStatus status, @Nullable Instant lastActiveAt, long seq) {
	}

	record AckFrame(String type, String id) {
	}

}
