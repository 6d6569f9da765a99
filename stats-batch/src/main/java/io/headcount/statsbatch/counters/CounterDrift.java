package io.headcount.statsbatch.counters;

/**
 * A counter value or bucket in Redis that differs from the recount.
 *
 * @param granularity {@code minute}, {@code hour}, {@code day}, or {@code value} for the
 * live counter
 * @param bucketStart the bucket's start (epoch seconds), -1 for the live value
 * @param recount what the events say (for the live value: the value after the last
 * archived change)
 * @param live what Redis holds (0 for a missing bucket)
 */
public record CounterDrift(String objectId, String counter, String granularity, long bucketStart, long recount,
		long live) {

	public static final String VALUE = "value";

	/** Redis minus the recount. */
	public long difference() {
		return this.live - this.recount;
	}

	public boolean isBucket() {
		return !VALUE.equals(this.granularity);
	}

	/** The bucket's start as ISO-8601 (UTC), empty for the live value. */
	public String bucketStartText() {
		return isBucket() ? java.time.Instant.ofEpochSecond(this.bucketStart).toString() : "";
	}

}
