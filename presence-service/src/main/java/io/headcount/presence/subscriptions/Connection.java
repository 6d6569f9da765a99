package io.headcount.presence.subscriptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.headcount.platform.websocket.LatestValueOutbox;
import io.headcount.platform.websocket.LiveSession;
import io.headcount.presence.status.PresenceView;

/**
 * One open /ws/presence connection: its user and device, whom it watches with the last
 * seq sent per user, and when it was last heard from. Presence changes go out in order,
 * each one, as soon as the previous send finished; while a send is slow, newer changes of
 * a user replace older unsent ones (latest value per user, in platform's
 * {@link LatestValueOutbox}), so a slow reader never builds a queue. Platform's session
 * bounds each send's time and buffer. (Platform's {@code offer} coalesces for a flush
 * interval even when the reader is fast, which would drop intermediate statuses and add
 * up to one flush interval of delay.)
 */
final class Connection implements SubscriptionHub.Watcher {

	private final LiveSession session;

	private final String userId;

	private final String deviceId;

	private final Map<String, Long> lastSeq = new HashMap<>();

	private final Renderer renderer;

	private final LatestValueOutbox outbox = new LatestValueOutbox();

	/** A virtual thread is sending what the outbox holds, guarded by {@code this}. */
	private boolean draining;

	private volatile boolean signedOff;

	private volatile long lastSeenNanos = System.nanoTime();

	Connection(LiveSession session, String userId, String deviceId, Renderer renderer) {
		this.session = session;
		this.userId = userId;
		this.deviceId = deviceId;
		this.renderer = renderer;
	}

	LiveSession session() {
		return this.session;
	}

	String userId() {
		return this.userId;
	}

	String deviceId() {
		return this.deviceId;
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

	synchronized Set<String> watched() {
		return Set.copyOf(this.lastSeq.keySet());
	}

	synchronized boolean isWatching(String userId) {
		return this.lastSeq.containsKey(userId);
	}

	/**
	 * Registers users as watched (nothing sent yet); false, and nothing changed, if over
	 * {@code max}.
	 */
	synchronized boolean addWatched(List<String> userIds, int max) {
		long added = userIds.stream().filter((id) -> !this.lastSeq.containsKey(id)).count();
		if (this.lastSeq.size() + added > max) {
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
		}
	}

	/**
	 * A change from the hub (on a Redis I/O thread): queued unless the client has it or a
	 * newer one.
	 */
	@Override
	public void changed(PresenceView view) {
		synchronized (this) {
			Long last = this.lastSeq.get(view.userId());
			if (last == null || view.seq() <= last) {
				return;
			}
			this.lastSeq.put(view.userId(), view.seq());
		}
		enqueue(view.userId(), this.renderer.presence(view));
	}

	private void enqueue(String key, Object frame) {
		synchronized (this) {
			this.outbox.offer(key, frame);
			if (this.draining) {
				return;
			}
			this.draining = true;
		}
		Thread.startVirtualThread(this::drain);
	}

	private void drain() {
		while (true) {
			Object frame;
			synchronized (this) {
				frame = this.outbox.poll();
				if (frame == null) {
					this.draining = false;
					return;
				}
			}
			this.session.send(frame);
		}
	}

	/**
	 * The snapshot entries that are still news: an entry older than a change already sent
	 * is left out (the client has the newer one), as is a user unwatched meanwhile.
	 */
	synchronized List<PresenceView> acceptSnapshot(List<PresenceView> views) {
		List<PresenceView> fresh = new ArrayList<>(views.size());
		for (PresenceView view : views) {
			Long last = this.lastSeq.get(view.userId());
			if (last == null) {
				continue;
			}
			// equal seq: the client already got this very state as a presence frame
			if (last == 0 || view.seq() > last) {
				this.lastSeq.put(view.userId(), Math.max(1, view.seq()));
				fresh.add(view);
			}
		}
		return fresh;
	}

	/** Renders a presence frame. */
	interface Renderer {

		Object presence(PresenceView view);

	}

}
