package io.headcount.counter.series;

import java.time.Instant;
import java.util.List;

/**
 * The rules every bucketed read shares (counter series and totals, event statistics): a
 * known step, a non-empty range of at most about ten years, and at most the step's number
 * of points. A broken rule is an {@link InvalidSeriesQuery} (400).
 */
public final class SeriesQuery {

	private SeriesQuery() {
	}

	/** The step named, or a refusal. */
	public static TimeBuckets.Step step(String step) {
		TimeBuckets.Step s = TimeBuckets.Step.parse(step);
		if (s == null) {
			throw new InvalidSeriesQuery("Unknown step", "step must be minute, hour or day, got '" + step + "'.");
		}
		return s;
	}

	/** Refuses an empty or too long range. */
	public static void checkRange(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidSeriesQuery("Empty range", "from must be before to.");
		}
		if (to.getEpochSecond() - from.getEpochSecond() > 3700L * 86400) {
			throw new InvalidSeriesQuery("Range too long", "A range spans at most about ten years.");
		}
	}

	/**
	 * The buckets of one step whose start lies in [from, to), refused when more than the
	 * step allows; counted before listed, so a ten-year range of minutes costs nothing.
	 */
	public static List<TimeBuckets.Bucket> points(Instant from, Instant to, TimeBuckets.Step step) {
		long asked = TimeBuckets.count(from.getEpochSecond(), to.getEpochSecond(), step);
		if (asked > step.maxPoints) {
			throw new InvalidSeriesQuery("Range too long", "At most " + step.maxPoints + " "
					+ step.name().toLowerCase(java.util.Locale.ROOT) + " points per request, asked for " + asked + ".");
		}
		return TimeBuckets.series(from.getEpochSecond(), to.getEpochSecond(), step);
	}

}
