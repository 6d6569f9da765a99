package io.headcount.statsbatch.sessions;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The fast path's per-second count of a site (InfluxDB,
 * {@code headcount.visitors.concurrent}) against the batch's, over the seconds the fast
 * path reported.
 *
 * @param status {@code compared}, {@code no fast-path data} or {@code unavailable: …}
 * @param meanAbsoluteError mean of |fast − batch|
 * @param meanSignedError mean of fast − batch (positive: the fast path counts more)
 * @param largestDivergence the largest |fast − batch|, first seen at {@code largestAt}
 * ({@code HH:mm:ss}, UTC)
 */
public record FastPathComparison(String siteId, String status, long secondsCompared, double meanAbsoluteError,
		double meanSignedError, long largestDivergence, String largestAt, long fastAtLargest, long batchAtLargest) {

	public static final String COMPARED = "compared";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	static FastPathComparison without(String siteId, String status) {
		return new FastPathComparison(siteId, status, 0, 0, 0, 0, "", 0, 0);
	}

	/** Compares {@code fast} (-1 where it reported nothing) with {@code batch}. */
	static FastPathComparison compare(String siteId, long[] fast, long[] batch) {
		long seconds = 0;
		long absolute = 0;
		long signed = 0;
		long largest = -1;
		int at = 0;
		for (int second = 0; second < fast.length; second++) {
			if (fast[second] < 0) {
				continue;
			}
			long difference = fast[second] - batch[second];
			seconds++;
			absolute += Math.abs(difference);
			signed += difference;
			if (Math.abs(difference) > largest) {
				largest = Math.abs(difference);
				at = second;
			}
		}
		if (seconds == 0) {
			return without(siteId, "no fast-path data");
		}
		return new FastPathComparison(siteId, COMPARED, seconds, (double) absolute / seconds, (double) signed / seconds,
				largest, TIME.format(LocalTime.ofSecondOfDay(at)), fast[at], batch[at]);
	}

}
