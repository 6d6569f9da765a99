package io.headcount.counter.counters;

/**
 * Redis key names. Every key of one object shares the hash tag {@code {o:<id>}}, so one
 * Lua script can touch them all on one cluster node.
 */
public final class CounterKeys {

	private CounterKeys() {
	}

	public static String counts(String objectId) {
		return "c:{o:" + objectId + "}";
	}

	public static String likers(String objectId) {
		return counts(objectId) + ":likers";
	}

	public static String viewers(String objectId) {
		return counts(objectId) + ":viewers";
	}

	public static String batchMarker(String objectId, String batchId) {
		return counts(objectId) + ":batch:" + batchId;
	}

	/**
	 * A bucket hash: granularity m (minutes by hour), h (hours by day) or d (days by
	 * 32-day block).
	 */
	public static String buckets(String objectId, String field, char granularity, long hashStartEpochSecond) {
		return counts(objectId) + ":ts:" + field + ":" + granularity + ":" + hashStartEpochSecond;
	}

}
