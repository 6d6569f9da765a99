package io.headcount.platform.websocket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What is waiting to be sent to one client, at most one value per key: a newer value for
 * a key replaces the one not yet sent. A client that reads slowly thus gets fewer,
 * fresher updates (the current count, the current position) instead of an ever-growing
 * backlog of stale ones. {@link LiveSession#offer} flushes one per session on a timer; an
 * endpoint that sends each change as soon as the previous send finished keeps its own and
 * {@link #poll}s it.
 */
public final class LatestValueOutbox {

	/**
	 * Only while something waits: most sessions are idle, and an empty map still costs
	 * heap.
	 */
	private @Nullable Map<String, Object> pending;

	private long replaced;

	/**
	 * @return {@code true} if a value for this key was still waiting and has been
	 * replaced
	 */
	public synchronized boolean offer(String key, Object value) {
		if (this.pending == null) {
			this.pending = new LinkedHashMap<>();
		}
		boolean replacing = this.pending.put(key, value) != null;
		if (replacing) {
			this.replaced++;
		}
		return replacing;
	}

	/** Takes everything waiting, in the order the keys were first offered. */
	public synchronized List<Object> drain() {
		if (this.pending == null || this.pending.isEmpty()) {
			return List.of();
		}
		List<Object> values = new ArrayList<>(this.pending.values());
		this.pending = null;
		return values;
	}

	/** Takes the value waiting longest, or {@code null} if none waits. */
	public synchronized @Nullable Object poll() {
		if (this.pending == null) {
			return null;
		}
		Iterator<Object> first = this.pending.values().iterator();
		Object value = first.next();
		first.remove();
		if (this.pending.isEmpty()) {
			this.pending = null;
		}
		return value;
	}

	public synchronized boolean isEmpty() {
		return this.pending == null || this.pending.isEmpty();
	}

	public synchronized int size() {
		return (this.pending != null) ? this.pending.size() : 0;
	}

	/** Values that were replaced before they could be sent. */
	public synchronized long replaced() {
		return this.replaced;
	}

}
