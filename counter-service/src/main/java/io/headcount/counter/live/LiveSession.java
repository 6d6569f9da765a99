package io.headcount.counter.live;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.headcount.counter.counters.ObjectCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One subscriber. Values to send wait in a map keyed by object, so a slow consumer holds at most one
 * (the latest) value per watched object, never a growing queue; one sender at a time drains it.
 */
final class LiveSession {

	private static final Logger logger = LoggerFactory.getLogger(LiveSession.class);

	final WebSocketSession socket;

	final Set<String> objects = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<String, ObjectCounts> pending = new ConcurrentHashMap<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicLong seq = new AtomicLong();

	private final Executor sender;

	private final JsonMapper json;

	LiveSession(WebSocketSession socket, Executor sender, JsonMapper json) {
		this.socket = socket;
		this.sender = sender;
		this.json = json;
	}

	/** Replaces any unsent value of the same object. */
	void offer(ObjectCounts counts) {
		if (!this.objects.contains(counts.objectId())) {
			return;
		}
		this.pending.put(counts.objectId(), counts);
		if (this.draining.compareAndSet(false, true)) {
			this.sender.execute(this::drain);
		}
	}

	int pendingCount() {
		return this.pending.size();
	}

	void sendControl(Map<String, Object> frame) {
		send(frame);
	}

	private void drain() {
		do {
			Iterator<String> ids = this.pending.keySet().iterator();
			while (ids.hasNext() && this.socket.isOpen()) {
				ObjectCounts counts = this.pending.remove(ids.next());
				if (counts != null) {
					Map<String, Object> frame = new LinkedHashMap<>();
					frame.put("type", "counts");
					frame.put("objectId", counts.objectId());
					frame.put("seq", this.seq.incrementAndGet());
					frame.put("version", counts.version());
					frame.put("counters", counts.counts());
					frame.put("updatedAt", counts.updatedAt());
					send(frame);
				}
			}
			this.draining.set(false);
		}
		while (!this.pending.isEmpty() && this.socket.isOpen() && this.draining.compareAndSet(false, true));
	}

	private void send(Map<String, Object> frame) {
		try {
			String text = this.json.writeValueAsString(frame);
			synchronized (this.socket) {
				this.socket.sendMessage(new TextMessage(text));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing live session {} after a failed send", this.socket.getId(), ex);
			try {
				this.socket.close(CloseStatus.SESSION_NOT_RELIABLE);
			}
			catch (IOException ignored) {
				// already gone
			}
		}
	}

}
