package io.headcount.platform.websocket;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayDeque;
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
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * An open WebSocket of an authenticated user, as handlers see it: JSON out, sends that never pile
 * up, and coalesced updates ({@link #offer}) for values where only the latest matters.
 * <p>
 * Sends work as Spring's {@code ConcurrentWebSocketSessionDecorator}: one at a time, a caller that
 * finds a send in progress queues its message and returns, the sender sends what was queued meanwhile,
 * and a client whose send takes longer than {@code send-time-limit} or whose queue grows past
 * {@code send-buffer-size-limit} is closed (1008, "slow consumer"). Unlike the decorator, which
 * allocates a queue and four locks per session up front (about 540 bytes), the queue exists only
 * while a send is in progress: almost all connections are idle almost all the time.
 */
public final class LiveSession {

	private static final Logger logger = LoggerFactory.getLogger(LiveSession.class);

	private final WebSocketSession raw;

	private final int sendTimeLimitMillis;

	private final int sendBufferSizeLimit;

	private final JsonMapper json;

	private final LatestValueOutbox outbox = new LatestValueOutbox();

	private final AtomicBoolean flushing = new AtomicBoolean();

	private final WebSocketSessions sessions;

	private @Nullable StringBuilder partial;

	/** Messages waiting while a send is in progress, guarded by {@code this}; null when none. */
	private @Nullable ArrayDeque<WebSocketMessage<?>> queued;

	/** Payload bytes in {@link #queued}, guarded by {@code this}. */
	private int queuedBytes;

	/** A thread is sending, guarded by {@code this}. */
	private boolean sending;

	/** The session was closed for exceeding a send limit: nothing more is sent. */
	private volatile boolean limitExceeded;

	/** When the send in progress started ({@link System#nanoTime()}), or 0. */
	private volatile long sendStartedNanos;

	LiveSession(WebSocketSession raw, WebSocketProperties properties, JsonMapper json, WebSocketSessions sessions) {
		this.raw = raw;
		this.sendTimeLimitMillis = (int) properties.sendTimeLimit().toMillis();
		this.sendBufferSizeLimit = (int) properties.sendBufferSizeLimit().toBytes();
		this.json = json;
		this.sessions = sessions;
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
	 * {@code AbstractWebSocketHandler.handlePongMessage}), so a service can find connections whose peer
	 * vanished without closing them (half-open TCP).
	 */
	public void ping() {
		if (!this.raw.isOpen()) {
			return;
		}
		try {
			sendMessage(new PingMessage());
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
	 * Queues a message that supersedes any not yet sent for the same key, e.g. {@code "count:post:42"}
	 * or {@code "position"}. Flushed within {@code headcount.websocket.flush-interval}.
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

	/** Closes with a status; the reason is cut to what a close frame can carry (123 bytes). */
	public void close(CloseStatus status) {
		try {
			if (this.raw.isOpen()) {
				this.raw.close(WebSocketCloseStatuses.withSafeReason(status));
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
			sendMessage(new TextMessage(text));
		}
		catch (IOException | RuntimeException ex) {
			// the transport may be gone; a session over its send limits has been closed
			logger.debug("Sending to WebSocket session {} failed: {}", id(), ex.toString());
		}
	}

	/**
	 * Sends now if no send is in progress, then whatever other threads queued meanwhile; otherwise
	 * queues the message and returns at once, closing the session if the send in progress has taken too
	 * long or the queue has grown too big.
	 */
	private void sendMessage(WebSocketMessage<?> message) throws IOException {
		synchronized (this) {
			if (this.limitExceeded) {
				return;
			}
			if (!this.sending) {
				this.sending = true;
			}
			else {
				if (this.queued == null) {
					this.queued = new ArrayDeque<>(4);
				}
				this.queued.add(message);
				this.queuedBytes += message.getPayloadLength();
				if (timeSinceSendStarted() <= this.sendTimeLimitMillis && this.queuedBytes <= this.sendBufferSizeLimit) {
					return;
				}
				this.limitExceeded = true;
				this.queued = null;
				this.queuedBytes = 0;
				this.sessions.slowConsumer();
				// not on this thread: closing waits for the stuck send (Tomcat's blocking send timeout)
				Thread.startVirtualThread(() -> close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer")));
				return;
			}
		}
		WebSocketMessage<?> next = message;
		try {
			while (next != null && !this.limitExceeded) {
				this.sendStartedNanos = System.nanoTime();
				this.raw.sendMessage(next);
				this.sendStartedNanos = 0;
				synchronized (this) {
					next = (this.queued != null) ? this.queued.poll() : null;
					if (next != null) {
						this.queuedBytes -= next.getPayloadLength();
					}
					else {
						this.sending = false;
						this.queued = null;
					}
				}
			}
		}
		finally {
			if (next != null) {
				// the send failed (or a limit closed the session): what was queued will never go out
				this.sendStartedNanos = 0;
				synchronized (this) {
					this.sending = false;
					this.queued = null;
					this.queuedBytes = 0;
				}
			}
		}
	}

	/** Milliseconds the send in progress has taken, 0 if none. */
	private long timeSinceSendStarted() {
		long started = this.sendStartedNanos;
		return (started != 0) ? Math.max(1, (System.nanoTime() - started) / 1_000_000) : 0;
	}

	/**
	 * One scheduler tick: hand what is waiting to a flusher unless a send is still in progress (then
	 * keep coalescing), and close a client whose send has been stuck longer than the limit.
	 * @return {@code true} if something is still waiting and the session must be looked at again
	 */
	boolean flushIfIdle(Executor flusher, long sendTimeLimitMillis) {
		if (!this.raw.isOpen()) {
			return false;
		}
		long sending = timeSinceSendStarted();
		if (sending > sendTimeLimitMillis) {
			this.sessions.slowConsumer();
			flusher.execute(() -> close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer")));
			return false;
		}
		if (sending > 0 || queuedBytes() > 0 || this.outbox.isEmpty()) {
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
	 * Assembles a text message from Tomcat's fragments (its buffers are small on purpose).
	 * @return the whole message, or {@code null} while more fragments are due or when it is too big
	 * (then the session has been closed with 1009)
	 */
	@Nullable String assemble(String fragment, boolean last, int maxCharacters) {
		if (this.partial == null && last) {
			if (fragment.length() > maxCharacters) {
				tooBig(maxCharacters);
				return null;
			}
			return fragment;
		}
		if (this.partial == null) {
			this.partial = new StringBuilder(Math.min(maxCharacters, 2 * fragment.length()));
		}
		if (this.partial.length() + fragment.length() > maxCharacters) {
			this.partial = null;
			tooBig(maxCharacters);
			return null;
		}
		this.partial.append(fragment);
		if (!last) {
			return null;
		}
		String message = this.partial.toString();
		this.partial = null;
		return message;
	}

	private void tooBig(int maxCharacters) {
		close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("message longer than " + maxCharacters + " characters"));
	}

	private synchronized int queuedBytes() {
		return this.queuedBytes;
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
