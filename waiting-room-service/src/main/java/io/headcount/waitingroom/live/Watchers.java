package io.headcount.waitingroom.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.websocket.LiveSession;
import io.headcount.waitingroom.rooms.Entry;
import io.headcount.waitingroom.rooms.Place;
import io.headcount.waitingroom.rooms.RoomConfig;
import io.headcount.waitingroom.rooms.RoomStore;
import io.headcount.waitingroom.rooms.Rooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of this instance per room. Each push round heartbeats every
 * connected user in one room.lua call per room and batch (so an open WebSocket keeps the
 * place) and sends each connection its place when it changed: admission reaches the page
 * within one admission round plus one push interval.
 */
class Watchers {

	private static final Logger logger = LoggerFactory.getLogger(Watchers.class);

	/** Users per script call, so that one call stays short. */
	private static final int BATCH = 500;

	private static final String LAST_SENT = "waiting-room.last-sent";

	private final Rooms rooms;

	private final Map<String, Set<LiveSession>> byRoom = new ConcurrentHashMap<>();

	Watchers(Rooms rooms) {
		this.rooms = rooms;
	}

	void watch(LiveSession session, String roomId) {
		this.byRoom.computeIfAbsent(roomId, (id) -> ConcurrentHashMap.newKeySet()).add(session);
		push(roomId, List.of(session));
	}

	void unwatch(LiveSession session, String roomId) {
		Set<LiveSession> sessions = this.byRoom.get(roomId);
		if (sessions != null) {
			sessions.remove(session);
		}
	}

	/** Sends the place now (a heartbeat frame asked for it). */
	void refresh(LiveSession session, String roomId) {
		session.attributes().remove(LAST_SENT);
		push(roomId, List.of(session));
	}

	void pushAll() {
		this.byRoom.forEach((roomId, sessions) -> {
			if (!sessions.isEmpty()) {
				push(roomId, List.copyOf(sessions));
			}
		});
		this.byRoom.values().removeIf(Set::isEmpty);
	}

	private void push(String roomId, List<LiveSession> sessions) {
		RoomConfig config;
		try {
			config = this.rooms.config(roomId);
		}
		catch (RuntimeException ex) {
			logger.debug("No configuration for room {}: {}", roomId, ex.toString());
			return;
		}
		Map<String, List<LiveSession>> byUser = new LinkedHashMap<>();
		for (LiveSession session : sessions) {
			byUser.computeIfAbsent(session.userId(), (u) -> new ArrayList<>(1)).add(session);
		}
		List<String> users = List.copyOf(byUser.keySet());
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (int from = 0; from < users.size(); from += BATCH) {
			List<String> batch = users.subList(from, Math.min(users.size(), from + BATCH));
			calls.add(this.rooms.heartbeats(roomId, batch).thenAccept((RoomStore.Places places) -> {
				RoomConfig current = config.withState(places.state());
				for (int i = 0; i < batch.size(); i++) {
					Place place = places.places().get(i);
					Entry entry = this.rooms.entry(roomId, batch.get(i), current, place);
					PlaceFrame frame = PlaceFrame.of(entry);
					for (LiveSession session : byUser.get(batch.get(i))) {
						send(session, frame);
					}
				}
			}));
		}
		try {
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Pushing places of room {} failed: {}", roomId, ex.toString());
		}
	}

	private static void send(LiveSession session, PlaceFrame frame) {
		String signature = frame.signature();
		if (signature.equals(session.attributes().get(LAST_SENT))) {
			return;
		}
		session.attributes().put(LAST_SENT, signature);
		session.offer("place", frame);
	}

}
