package io.headcount.counter.counters;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All counters of one object as read from its hash.
 *
 * @param counts public counter name to count
 * @param updated public counter name to last change
 * @param version the object's change version
 */
public record ObjectCounts(String objectId, Map<String, Long> counts, Map<String, Instant> updated, long version) {

	public static ObjectCounts empty(String objectId) {
		return new ObjectCounts(objectId, Map.of(), Map.of(), 0);
	}

	/**
	 * Parses the raw hash: {@code likes}, {@code views}, {@code c:<name>},
	 * {@code t:<field>}, {@code v}.
	 */
	public static ObjectCounts fromHash(String objectId, Map<String, String> hash) {
		Map<String, Long> counts = new LinkedHashMap<>();
		Map<String, Instant> updated = new LinkedHashMap<>();
		long version = 0;
		for (Map.Entry<String, String> e : hash.entrySet()) {
			String key = e.getKey();
			if (key.equals("v")) {
				version = Long.parseLong(e.getValue());
			}
			else if (key.startsWith("t:")) {
				updated.put(CounterField.publicName(key.substring(2)),
						Instant.ofEpochMilli(Long.parseLong(e.getValue())));
			}
			else {
				counts.put(CounterField.publicName(key), Long.parseLong(e.getValue()));
			}
		}
		return new ObjectCounts(objectId, Collections.unmodifiableMap(counts), Collections.unmodifiableMap(updated),
				version);
	}

	public long count(String name) {
		return this.counts.getOrDefault(name, 0L);
	}

	public Instant updatedAt(String name) {
		return this.updated.get(name);
	}

	/** The latest change of any counter, null if none. */
	public Instant updatedAt() {
		return this.updated.values().stream().max(Instant::compareTo).orElse(null);
	}

	/** A copy with one counter replaced, if the result is newer than what this holds. */
	public ObjectCounts with(String name, long count, Instant updatedAt, long version) {
		if (version < this.version) {
			return this;
		}
		Map<String, Long> counts = new LinkedHashMap<>(this.counts);
		counts.put(name, count);
		Map<String, Instant> updated = new LinkedHashMap<>(this.updated);
		if (updatedAt != null) {
			updated.put(name, updatedAt);
		}
		return new ObjectCounts(this.objectId, Collections.unmodifiableMap(counts),
				Collections.unmodifiableMap(updated), version);
	}

}
