package io.headcount.platform.websocket;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.headcount.platform.scheduling.PeriodicWorker;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open {@link LiveSession}s of this instance, by id and by user, and the one
 * scheduler that flushes their coalesced updates: it only looks at sessions with
 * something waiting, and hands the actual (blocking) writes to virtual threads, at most
 * one per session, so that a stuck client holds up nobody else and idle connections cost
 * no thread at all.
 */
public class WebSocketSessions implements SmartLifecycle {

	private final WebSocketProperties properties;

	private final JsonMapper json;

	private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();

	/**
	 * A user's sessions as a small copy-on-write array: most users have one or two, and a
	 * concurrent set per user was a measurable part of the heap per idle connection
	 * (docs/presence.md).
	 */
	private final Map<String, LiveSession[]> byUser = new ConcurrentHashMap<>();

	private final Set<LiveSession> dirty = ConcurrentHashMap.newKeySet();

	/**
	 * Replaced on a restart: {@link #stop()} shuts it down (a paused and resumed context
	 * restarts).
	 */
	private volatile ExecutorService flusher = Executors.newVirtualThreadPerTaskExecutor();

	private final Counter coalesced;

	private final Counter slowConsumers;

	private final PeriodicWorker flushing;

	public WebSocketSessions(WebSocketProperties properties, JsonMapper json, MeterRegistry registry) {
		this.properties = properties;
		this.json = json;
		this.flushing = PeriodicWorker.withFixedDelay("headcount-ws-flush",
				properties.flushInterval().isZero() ? Duration.ofMillis(1) : properties.flushInterval(),
				this::flushDirty);
		Gauge.builder("headcount.websocket.sessions", this.byId, Map::size)
			.description("Open WebSocket sessions on this instance")
			.register(registry);
		this.coalesced = Counter.builder("headcount.websocket.coalesced")
			.description("Updates replaced by a newer one before a slow client could receive them")
			.register(registry);
		this.slowConsumers = Counter.builder("headcount.websocket.slow-consumers")
			.description("WebSocket sessions closed because a send took longer than the limit")
			.register(registry);
	}

	/** Registers a newly opened session; {@link JsonWebSocketHandler} does this. */
	public LiveSession open(WebSocketSession session) {
		LiveSession live = new LiveSession(session, this.properties, this.json, this);
		this.byId.put(session.getId(), live);
		if (session.getPrincipal() != null) {
			this.byUser.compute(live.userId(), (user, sessions) -> with(sessions, live));
		}
		return live;
	}

	/** Forgets a closed session; {@link JsonWebSocketHandler} does this. */
	public @Nullable LiveSession closed(WebSocketSession session) {
		LiveSession live = this.byId.remove(session.getId());
		if (live != null) {
			this.dirty.remove(live);
			if (session.getPrincipal() != null) {
				this.byUser.computeIfPresent(live.userId(), (user, sessions) -> without(sessions, live));
			}
		}
		return live;
	}

	public @Nullable LiveSession get(String sessionId) {
		return this.byId.get(sessionId);
	}

	/** Every open session of a user on this instance (one per device or tab). */
	public Collection<LiveSession> ofUser(String userId) {
		LiveSession[] sessions = this.byUser.get(userId);
		return (sessions != null) ? List.of(sessions) : List.of();
	}

	private static LiveSession[] with(LiveSession @Nullable [] sessions, LiveSession added) {
		if (sessions == null) {
			return new LiveSession[] { added };
		}
		LiveSession[] more = Arrays.copyOf(sessions, sessions.length + 1);
		more[sessions.length] = added;
		return more;
	}

	private static LiveSession @Nullable [] without(LiveSession[] sessions, LiveSession removed) {
		LiveSession[] fewer = Arrays.stream(sessions)
			.filter((session) -> session != removed)
			.toArray(LiveSession[]::new);
		return (fewer.length > 0) ? fewer : null;
	}

	public Collection<LiveSession> all() {
		return List.copyOf(this.byId.values());
	}

	public int count() {
		return this.byId.size();
	}

	void markDirty(LiveSession session) {
		this.dirty.add(session);
	}

	void coalesced() {
		this.coalesced.increment();
	}

	void slowConsumer() {
		this.slowConsumers.increment();
	}

	/** One tick of the scheduler. */
	void flushDirty() {
		long limit = this.properties.sendTimeLimit().toMillis();
		for (LiveSession session : this.dirty) {
			this.dirty.remove(session);
			if (session.flushIfIdle(this.flusher, limit)) {
				// still sending or still waiting: look again next tick (an offer may also
				// re-add it)
				this.dirty.add(session);
			}
		}
	}

	@Override
	public void start() {
		if (this.flusher.isShutdown()) {
			this.flusher = Executors.newVirtualThreadPerTaskExecutor();
		}
		this.flushing.start();
	}

	/** Tells every client to reconnect elsewhere (1001) before the server goes. */
	@Override
	public void stop() {
		this.flushing.stop();
		ExecutorService closing = this.flusher;
		for (LiveSession session : all()) {
			closing.execute(() -> session.close(CloseStatus.GOING_AWAY.withReason("server shutting down")));
		}
		closing.shutdown();
		try {
			closing.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.flushing.isRunning();
	}

	/** Stops before the web server does, so that the close frames still go out. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
