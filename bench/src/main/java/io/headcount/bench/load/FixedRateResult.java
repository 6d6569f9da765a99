package io.headcount.bench.load;

import java.util.Arrays;

/**
 * What {@link FixedRateLoad} measured: latencies from each request's due time, in ms, to
 * the microsecond.
 */
public record FixedRateResult(int requestsPerSecond, long requests, long errors, double p50Ms, double p90Ms,
		double p99Ms, double p999Ms, double maxMs) {

	static FixedRateResult of(int requestsPerSecond, long[] latencyNanos, long errors) {
		long[] sorted = latencyNanos.clone();
		Arrays.sort(sorted);
		return new FixedRateResult(requestsPerSecond, sorted.length, errors, percentileMs(sorted, 50),
				percentileMs(sorted, 90), percentileMs(sorted, 99), percentileMs(sorted, 99.9),
				percentileMs(sorted, 100));
	}

	/** Nearest-rank percentile of sorted nanoseconds, in ms. */
	static double percentileMs(long[] sorted, double percentile) {
		// the epsilon keeps 99.9 % of 1000 at rank 999: 0.999 * 1000 is 999.0000000000001
		// in binary
		int rank = (int) Math.ceil(percentile / 100 * sorted.length - 1e-9);
		long nanos = sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
		return Math.round(nanos / 1000.0) / 1000.0;
	}

}
