package io.headcount.platform.websocket;

import java.io.IOException;
import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends one session's messages one at a time, as Spring's
 * {@code ConcurrentWebSocketSessionDecorator} does: a caller that finds a send in
 * progress queues its message and returns, the sending thread sends what was queued
 * meanwhile, and a send that takes longer than the time limit or a queue that grows past
 * the buffer limit trips the sender (the session is then closed as a slow consumer).
 * Unlike the decorator, which allocates a queue and four locks per session up front, the
 * queue exists only while a send is in progress: almost all connections are idle almost
 * all the time (docs/presence.md has the heap per idle connection).
 */
final class SerialSender {

	private final WebSocketSession session;

	private final long sendTimeLimitMillis;

	private final int bufferSizeLimit;

	private final Runnable onLimitExceeded;

	/**
	 * Messages waiting while a send is in progress, guarded by {@code this}; null when
	 * none.
	 */
	private @Nullable ArrayDeque<WebSocketMessage<?>> queued;

	/** Payload bytes in {@link #queued}, guarded by {@code this}. */
	private int queuedBytes;

	/** A thread is sending, guarded by {@code this}. */
	private boolean sending;

	/** A send limit was exceeded: nothing more is sent. */
	private volatile boolean limitExceeded;

	/**
	 * A close asked for while a send was in progress, guarded by {@code this}: the
	 * sending thread closes when its send is out.
	 */
	private @Nullable CloseStatus closing;

	/** When the send in progress started ({@link System#nanoTime()}), or 0. */
	private volatile long sendStartedNanos;

	/**
	 * @param onLimitExceeded run once, on the caller's thread, when a limit is exceeded;
	 * must not block (closing waits for the stuck send)
	 */
	SerialSender(WebSocketSession session, long sendTimeLimitMillis, int bufferSizeLimit, Runnable onLimitExceeded) {
		this.session = session;
		this.sendTimeLimitMillis = sendTimeLimitMillis;
		this.bufferSizeLimit = bufferSizeLimit;
		this.onLimitExceeded = onLimitExceeded;
	}

	/**
	 * Sends now if no send is in progress, then whatever other threads queued meanwhile;
	 * otherwise queues the message and returns at once.
	 */
	void send(WebSocketMessage<?> message) throws IOException {
		synchronized (this) {
			if (this.limitExceeded || this.closing != null) {
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
				if (timeSinceSendStarted() <= this.sendTimeLimitMillis && this.queuedBytes <= this.bufferSizeLimit) {
					return;
				}
				this.limitExceeded = true;
				this.queued = null;
				this.queuedBytes = 0;
				this.onLimitExceeded.run();
				return;
			}
		}
		WebSocketMessage<?> next = message;
		CloseStatus close = null;
		try {
			while (next != null && !this.limitExceeded) {
				this.sendStartedNanos = System.nanoTime();
				this.session.sendMessage(next);
				this.sendStartedNanos = 0;
				synchronized (this) {
					next = (this.queued != null) ? this.queued.poll() : null;
					if (next != null) {
						this.queuedBytes -= next.getPayloadLength();
					}
					else {
						// with a close pending, "sending" stays set: nothing goes after
						// it
						close = this.closing;
						this.sending = close != null;
						this.queued = null;
					}
				}
			}
		}
		finally {
			if (next != null) {
				// the send failed (or a limit tripped): what was queued will never go out
				this.sendStartedNanos = 0;
				synchronized (this) {
					close = this.closing;
					this.sending = close != null;
					this.queued = null;
					this.queuedBytes = 0;
				}
			}
			if (close != null) {
				this.session.close(close);
			}
		}
	}

	/**
	 * Closes now if no send is in progress, else right after it and what was queued
	 * before: Tomcat drops the connection without a close frame (the client sees 1006)
	 * when a close meets a send on another thread. Messages sent after it are dropped.
	 */
	void close(CloseStatus status) throws IOException {
		synchronized (this) {
			if (this.closing != null) {
				return;
			}
			this.closing = status;
			if (this.sending) {
				return;
			}
			this.sending = true;
		}
		this.session.close(status);
	}

	/** Milliseconds the send in progress has taken, 0 if none. */
	long timeSinceSendStarted() {
		long started = this.sendStartedNanos;
		return (started != 0) ? Math.max(1, (System.nanoTime() - started) / 1_000_000) : 0;
	}

	/** Payload bytes waiting behind the send in progress. */
	synchronized int queuedBytes() {
		return this.queuedBytes;
	}

}
