package io.headcount.platform.websocket;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * An open WebSocket of an authenticated user, as handlers see it: JSON out, sends that
 * never pile up, and coalesced updates ({@link #offer}) for values where only the latest
 * matters.
 * <p>
 * Sends go one at a time through a {@link SerialSender}; a client whose send takes longer
 * than {@code send-time-limit} or whose queue grows past {@code send-buffer-size-limit}
 * is closed (1008, "slow consumer"). Offered updates wait in a {@link LatestValueOutbox}
 * for the next flush of {@link WebSocketSessions}; incoming fragments are put together by
 * a {@link FragmentAssembler}.
 */
public final class LiveSession {

	private static final Logger logger = LoggerFactory.getLogger(LiveSession.class);

	private final WebSocketSession raw;

	private final JsonMapper json;

	private final SerialSender sender;

	private final FragmentAssembler fragments;

	private final LatestValueOutbox outbox = new LatestValueOutbox();

	private final AtomicBoolean flushing = new AtomicBoolean();

	private final WebSocketSessions sessions;

	LiveSession(WebSocketSession raw, WebSocketProperties properties, JsonMapper json, WebSocketSessions sessions) {
		this.raw = raw;
		this.json = json;
		this.sessions = sessions;
		this.sender = new SerialSender(raw, properties.sendTimeLimit().toMillis(),
				(int) properties.sendBufferSizeLimit().toBytes(), this::slowConsumer);
		this.fragments = new FragmentAssembler(properties.maxTextMessageSize());
	}

	public String id() {
		return this.raw.getId();
	}

	/** The JWT subject of the user who opened it. */
	public String userId() {
		Principal principal = this.raw.getPrincipal();
		if (principal == null) {
			throw new IllegalStateException("WebSocket session " + id() + " has no principal");
		}
		return principal.getName();
	}

	public @Nullable Principal principal() {
		return this.raw.getPrincipal();
	}

	/** Handshake and handler attributes, for a handler's own per-session state. */
	public Map<String, Object> attributes() {
		return this.raw.getAttributes();
	}

	public boolean isOpen() {
		return this.raw.isOpen();
	}

	/** The handshake's URI, for endpoint-specific query parameters (e.g. a device id). */
	public @Nullable URI uri() {
		return this.raw.getUri();
	}

	/**
	 * Sends a WebSocket ping; browsers and standard clients answer with a pong (see
	 * {@code AbstractWebSocketHandler.handlePongMessage}), so a service can find
	 * connections whose peer vanished without closing them (half-open TCP).
	 */
	public void ping() {
		if (!this.raw.isOpen()) {
			return;
		}
		try {
			this.sender.send(new PingMessage());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Pinging WebSocket session {} failed: {}", id(), ex.toString());
		}
	}

	/** Sends a message now, as JSON (replies, one-off notices). */
	public void send(Object message) {
		sendText(this.json.writeValueAsString(message));
	}

	/**
	 * Queues a message that supersedes any not yet sent for the same key, e.g.
	 * {@code "count:post:42"} or {@code "position"}. Flushed within
	 * {@code headcount.websocket.flush-interval}.
	 */
	public void offer(String key, Object message) {
		if (this.outbox.offer(key, message)) {
			this.sessions.coalesced();
		}
		this.sessions.markDirty(this);
	}

	/** An application error that keeps the connection open. */
	public void sendError(String code, String detail) {
		send(new ErrorFrame(code, detail));
	}

	/**
	 * Closes with a status; the reason is cut to what a close frame can carry (123
	 * bytes).
	 */
	public void close(CloseStatus status) {
		try {
			if (this.raw.isOpen()) {
				// after a reply in progress on another thread, never across it
				this.sender.close(WebSocketCloseStatuses.withSafeReason(status));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing WebSocket session {} failed", id(), ex);
		}
	}

	/** A slow consumer's close: at once, not behind the send that is stuck. */
	private void closeSlowConsumer() {
		try {
			if (this.raw.isOpen()) {
				this.raw.close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer"));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing WebSocket session {} failed", id(), ex);
		}
	}

	private void sendText(String text) {
		if (!this.raw.isOpen()) {
			return;
		}
		try {
			this.sender.send(new TextMessage(text));
		}
		catch (IOException | RuntimeException ex) {
			// the transport may be gone; a session over its send limits has been closed
			logger.debug("Sending to WebSocket session {} failed: {}", id(), ex.toString());
		}
	}

	private void slowConsumer() {
		this.sessions.slowConsumer();
		// not on the sending thread: closing waits for the stuck send (Tomcat's blocking
		// send timeout)
		Thread.startVirtualThread(this::closeSlowConsumer);
	}

	/**
	 * One scheduler tick: hand what is waiting to a flusher unless a send is still in
	 * progress (then keep coalescing), and close a client whose send has been stuck
	 * longer than the limit.
	 * @return {@code true} if something is still waiting and the session must be looked
	 * at again
	 */
	boolean flushIfIdle(Executor flusher, long sendTimeLimitMillis) {
		if (!this.raw.isOpen()) {
			return false;
		}
		long sending = this.sender.timeSinceSendStarted();
		if (sending > sendTimeLimitMillis) {
			this.sessions.slowConsumer();
			flusher.execute(this::closeSlowConsumer);
			return false;
		}
		if (sending > 0 || this.sender.queuedBytes() > 0 || this.outbox.isEmpty()) {
			return sending > 0 || !this.outbox.isEmpty();
		}
		if (this.flushing.compareAndSet(false, true)) {
			flusher.execute(this::flush);
		}
		return true;
	}

	private void flush() {
		try {
			List<Object> messages = this.outbox.drain();
			for (Object message : messages) {
				send(message);
			}
		}
		finally {
			this.flushing.set(false);
		}
	}

	/**
	 * The whole text message once its last fragment came.
	 * @return {@code null} while more fragments are due or when it is too big (then the
	 * session has been closed with 1009)
	 */
	@Nullable String assemble(String fragment, boolean last) {
		try {
			return this.fragments.assemble(fragment, last);
		}
		catch (FragmentAssembler.TooBig ex) {
			close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(ex.getMessage()));
			return null;
		}
	}

	int pendingUpdates() {
		return this.outbox.size();
	}

	WebSocketSession raw() {
		return this.raw;
	}

	/** {@code {"type":"error","code":"...","detail":"..."}}. */
	record ErrorFrame(String type, String code, String detail) {

		ErrorFrame(String code, String detail) {
			this("error", code, detail);
		}

	}

}
