package io.headcount.presence.subscriptions;

import java.io.IOException;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.headcount.presence.status.PresenceView;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open /ws/presence connection: its user and device, whom it watches (with the last seq sent per
 * user), and an outbox that keeps only the latest frame per key, so a slow reader gets fewer, fresher
 * updates instead of an ever-growing queue. Frames are written by a short-lived virtual thread, never
 * by the Redis I/O thread that delivered the change.
 */
final class Connection implements SubscriptionHub.Watcher {

	private final WebSocketSession session;

	private final String userId;

	private final String deviceId;

	private final int maxPending;

	private final Map<String, Long> lastSeq = new HashMap<>();

	private LinkedHashMap<String, WebSocketMessage<?>> outbox;

	private boolean draining;

	private long snapshots;

	private volatile boolean signedOff;

	private volatile long lastSeenNanos = System.nanoTime();

	private StringBuilder partial;

	private final FrameWriter writer;

	Connection(WebSocketSession session, String userId, String deviceId, int maxPending, FrameWriter writer) {
		this.session = session;
		this.userId = userId;
		this.deviceId = deviceId;
		this.maxPending = maxPending;
		this.writer = writer;
	}

	String userId() {
		return this.userId;
	}

	String deviceId() {
		return this.deviceId;
	}

	WebSocketSession session() {
		return this.session;
	}

	boolean signedOff() {
		return this.signedOff;
	}

	void signedOff(boolean signedOff) {
		this.signedOff = signedOff;
	}

	void seen() {
		this.lastSeenNanos = System.nanoTime();
	}

	long lastSeenNanos() {
		return this.lastSeenNanos;
	}

	/** Appends a fragment of a text message; returns the whole message once complete, else null. */
	String assemble(String fragment, boolean last, int maxBytes) throws FrameTooBigException {
		if (this.partial == null && last) {
			if (fragment.length() > maxBytes) {
				throw new FrameTooBigException();
			}
			return fragment;
		}
		if (this.partial == null) {
			this.partial = new StringBuilder();
		}
		this.partial.append(fragment);
		if (this.partial.length() > maxBytes) {
			this.partial = null;
			throw new FrameTooBigException();
		}
		if (!last) {
			return null;
		}
		String message = this.partial.toString();
		this.partial = null;
		return message;
	}

	synchronized int watchedCount() {
		return this.lastSeq.size();
	}

	synchronized Set<String> watched() {
		return Set.copyOf(this.lastSeq.keySet());
	}

	/** Registers users as watched (seq 0: nothing sent yet); false when that would exceed {@code max}. */
	synchronized boolean addWatched(Iterable<String> userIds, int newOnes, int max) {
		if (this.lastSeq.size() + newOnes > max) {
			return false;
		}
		for (String id : userIds) {
			this.lastSeq.putIfAbsent(id, 0L);
		}
		return true;
	}

	synchronized void removeWatched(Iterable<String> userIds) {
		for (String id : userIds) {
			this.lastSeq.remove(id);
			if (this.outbox != null) {
				this.outbox.remove(presenceKey(id));
			}
		}
	}

	synchronized boolean isWatching(String userId) {
		return this.lastSeq.containsKey(userId);
	}

	/** A change from the hub: sent unless the connection already has the same or a newer state. */
	@Override
	public void changed(PresenceView view) {
		synchronized (this) {
			Long last = this.lastSeq.get(view.userId());
			if (last == null || view.seq() <= last) {
				return;
			}
			this.lastSeq.put(view.userId(), view.seq());
		}
		enqueue(presenceKey(view.userId()), new TextMessage(this.writer.presence(view)));
	}

	/**
	 * Decides which snapshot entries are still news: entries older than a change already sent are
	 * replaced by nothing (the client has the newer one). Returns the views to put in the snapshot.
	 */
	synchronized List<PresenceView> acceptSnapshot(List<PresenceView> views) {
		List<PresenceView> fresh = new ArrayList<>(views.size());
		for (PresenceView view : views) {
			Long last = this.lastSeq.get(view.userId());
			if (last == null) {
				continue; // unsubscribed meanwhile
			}
			if (last == 0 || view.seq() >= last) {
				this.lastSeq.put(view.userId(), Math.max(1, view.seq()));
				fresh.add(view);
			}
		}
		return fresh;
	}

	void sendSnapshot(String frame) {
		long n;
		synchronized (this) {
			n = ++this.snapshots;
		}
		enqueue("snapshot#" + n, new TextMessage(frame));
	}

	/** A control frame; a newer frame with the same key replaces an unsent older one. */
	void sendControl(String key, String frame) {
		enqueue(key, new TextMessage(frame));
	}

	void ping() {
		enqueue("ping", new PingMessage());
	}

	private static String presenceKey(String userId) {
		return "p:" + userId;
	}

	private void enqueue(String key, WebSocketMessage<?> frame) {
		boolean start;
		synchronized (this) {
			if (this.outbox == null) {
				this.outbox = new LinkedHashMap<>();
			}
			this.outbox.put(key, frame);
			if (this.outbox.size() > this.maxPending) {
				this.outbox.clear();
				start = false;
				Thread.startVirtualThread(() -> close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer")));
			}
			else {
				start = !this.draining;
				this.draining = true;
			}
		}
		if (start) {
			Thread.startVirtualThread(this::drain);
		}
	}

	private void drain() {
		while (true) {
			WebSocketMessage<?> frame;
			synchronized (this) {
				if (this.outbox == null || this.outbox.isEmpty()) {
					this.draining = false;
					this.outbox = null; // an idle connection holds no outbox
					return;
				}
				Iterator<WebSocketMessage<?>> first = this.outbox.values().iterator();
				frame = first.next();
				first.remove();
			}
			try {
				if (!this.session.isOpen()) {
					continue;
				}
				this.session.sendMessage(frame);
			}
			catch (IOException | RuntimeException ex) {
				close(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}
	}

	void close(CloseStatus status) {
		try {
			if (this.session.isOpen()) {
				this.session.close(status);
			}
		}
		catch (IOException ex) {
			// already gone
		}
	}

	static final class FrameTooBigException extends Exception {

		FrameTooBigException() {
			super(null, null, false, false);
		}

	}

	/** Renders outgoing frames. */
	interface FrameWriter {

		String presence(PresenceView view);

	}

}
