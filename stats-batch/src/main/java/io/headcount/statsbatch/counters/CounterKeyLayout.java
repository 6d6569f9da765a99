package io.headcount.statsbatch.counters;

import java.time.Duration;

/**
 * counter-service's Redis layout, read here and written by {@code repair}: the same key
 * names and encodings as its {@code CounterKeys}, {@code CounterField} and
 * {@code apply-batch.lua} (stats-batch may not depend on counter-service). An object's
 * keys share the hash tag {@code {o:<id>}}; its counts hash {@code c:{o:<id>}} holds
 * {@code likes}, {@code views} and {@code c:<name>}; bucket hashes are
 * {@code c:{o:<id>}:ts:<field>:<m|h|d>:<hash start>}, field = the bucket's start (epoch
 * seconds), minute buckets one hash per hour, hour buckets one per day, day buckets one
 * per 32 days.
 */
public final class CounterKeyLayout {

	static final long MINUTE_S = 60;

	static final long HOUR_S = 3600;

	static final long DAY_S = 86_400;

	static final long DAY_BLOCK_S = 32 * DAY_S;

	private CounterKeyLayout() {
	}

	/** The counts hash of an object. */
	public static String counts(String objectId) {
		return "c:{o:" + objectId + "}";
	}

	/** The counts hash's field of a counter name: likes, views, or {@code c:<name>}. */
	public static String field(String counter) {
		return ("likes".equals(counter) || "views".equals(counter)) ? counter : "c:" + counter;
	}

	/**
	 * The hash that holds the bucket of {@code granularity} starting at {@code start}.
	 */
	public static String bucketKey(String objectId, String counter, Granularity granularity, long start) {
		return counts(objectId) + ":ts:" + field(counter) + ":" + granularity.code + ":" + granularity.hashStart(start);
	}

	/** Bucket sizes, as counter-service's {@code TimeBuckets.Step}. */
	public enum Granularity {

		MINUTE('m', MINUTE_S, HOUR_S), HOUR('h', HOUR_S, DAY_S), DAY('d', DAY_S, DAY_BLOCK_S);

		final char code;

		final long seconds;

		final long hashSeconds;

		Granularity(char code, long seconds, long hashSeconds) {
			this.code = code;
			this.seconds = seconds;
			this.hashSeconds = hashSeconds;
		}

		/** {@code minute}, {@code hour}, {@code day}. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The bucket (start, epoch seconds) holding {@code epochSecond}. */
		public long bucketOf(long epochSecond) {
			return Math.floorDiv(epochSecond, this.seconds) * this.seconds;
		}

		long hashStart(long start) {
			return Math.floorDiv(start, this.hashSeconds) * this.hashSeconds;
		}

		/**
		 * When counter-service lets the hash of this bucket expire: the hash's end plus
		 * the retention ({@code headcount.counter.retention.*}).
		 */
		long expireAt(long start, Duration retention) {
			return hashStart(start) + this.hashSeconds + retention.toSeconds();
		}

	}

}
