package io.headcount.counter.counters.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Per-instance heavy-hitter detection: writes per object in the current one-second
 * window; an object with at least the threshold in the last full window is hot. The
 * window map holds only objects written within one second, so its size is bounded by the
 * instance's write rate.
 */
final class HotObjects {

	private final int threshold;

	private volatile ConcurrentHashMap<String, LongAdder> window = new ConcurrentHashMap<>();

	private volatile Set<String> hot = Set.of();

	HotObjects(int writesPerSecond) {
		this.threshold = writesPerSecond;
	}

	void recordWrite(String objectId) {
		this.window.computeIfAbsent(objectId, (id) -> new LongAdder()).increment();
	}

	/** Closes the current window; called once per second. */
	void roll() {
		Map<String, LongAdder> closed = this.window;
		this.window = new ConcurrentHashMap<>();
		this.hot = closed.entrySet()
			.stream()
			.filter((e) -> e.getValue().sum() >= this.threshold)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	boolean isHot(String objectId) {
		return this.hot.contains(objectId);
	}

	int hotCount() {
		return this.hot.size();
	}

}
