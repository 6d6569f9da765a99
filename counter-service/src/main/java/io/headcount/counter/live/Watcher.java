package io.headcount.counter.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.headcount.counter.counters.ObjectCounts;
import io.headcount.platform.websocket.LiveSession;

/**
 * One connection's subscriptions. Values go out through platform's latest-value outbox
 * ({@link LiveSession#offer}), keyed by object: a slow consumer holds at most one unsent
 * value per watched object, never a growing queue.
 */
final class Watcher {

	final LiveSession session;

	final Set<String> objects = ConcurrentHashMap.newKeySet();

	private final AtomicLong seq = new AtomicLong();

	Watcher(LiveSession session) {
		this.session = session;
	}

	/**
	 * Queues the object's latest counts. {@code seq} grows with every value queued on
	 * this connection; a gap means a value was superseded before it could be sent.
	 */
	void offer(ObjectCounts counts) {
		if (!this.objects.contains(counts.objectId())) {
			return;
		}
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "counts");
		frame.put("objectId", counts.objectId());
		frame.put("seq", this.seq.incrementAndGet());
		frame.put("version", counts.version());
		frame.put("counters", counts.counts());
		frame.put("updatedAt", counts.updatedAt());
		this.session.offer("counts:" + counts.objectId(), frame);
	}

}
