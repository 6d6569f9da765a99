package io.headcount.counter.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bucket layout the apply script writes, and how a time range maps onto it. Buckets
 * start at epoch seconds aligned to their size; minute buckets live in one hash per hour,
 * hour buckets in one hash per day, day buckets in one hash per 32 days (field = the
 * bucket's start).
 */
public final class TimeBuckets {

	static final long MINUTE_S = 60;

	static final long HOUR_S = 3600;

	static final long DAY_S = 86400;

	static final long DAY_BLOCK = 32 * DAY_S;

	private TimeBuckets() {
	}

	/** A granularity of the series endpoint. */
	public enum Step {

		MINUTE('m', MINUTE_S, 1440), HOUR('h', HOUR_S, 24 * 93), DAY('d', DAY_S, 3660);

		final char code;

		final long seconds;

		/** Most points one series request may ask for. */
		final int maxPoints;

		Step(char code, long seconds, int maxPoints) {
			this.code = code;
			this.seconds = seconds;
			this.maxPoints = maxPoints;
		}

		public static Step parse(String step) {
			return switch (step == null ? "" : step.toLowerCase(Locale.ROOT)) {
				case "minute" -> MINUTE;
				case "hour" -> HOUR;
				case "day" -> DAY;
				default -> null;
			};
		}

		/** A bucket's length in seconds. */
		public long seconds() {
			return this.seconds;
		}

		/** The letter of this step in bucket keys ({@code CounterKeys.buckets}). */
		public char code() {
			return this.code;
		}

		/** Start of the hash holding this bucket. */
		long hashStart(long bucketStart) {
			return switch (this) {
				case MINUTE -> floor(bucketStart, HOUR_S);
				case HOUR -> floor(bucketStart, DAY_S);
				case DAY -> floor(bucketStart, DAY_BLOCK);
			};
		}

	}

	/** One bucket: its granularity and start (epoch seconds). */
	public record Bucket(Step step, long start) {

		/** Start of the hash holding this bucket (its key's last part). */
		public long hashStart() {
			return this.step.hashStart(this.start);
		}

	}

	/**
	 * The buckets of one step whose start lies in [from, to); from rounded down to the
	 * step.
	 */
	/** How many buckets {@link #series} would list, without listing them. */
	public static long count(long fromSecond, long toSecond, Step step) {
		long first = floor(fromSecond, step.seconds);
		return (toSecond <= first) ? 0 : (toSecond - first + step.seconds - 1) / step.seconds;
	}

	public static List<Bucket> series(long fromSecond, long toSecond, Step step) {
		List<Bucket> buckets = new ArrayList<>();
		for (long b = floor(fromSecond, step.seconds); b < toSecond; b += step.seconds) {
			buckets.add(new Bucket(step, b));
		}
		return buckets;
	}

	/**
	 * The fewest buckets that exactly cover [from, to) (both rounded down to the minute):
	 * whole days, then whole hours at the edges, then minutes at the edges. Summing them
	 * gives the total of every change whose minute lies in the range.
	 */
	public static List<Bucket> cover(long fromSecond, long toSecond) {
		List<Bucket> out = new ArrayList<>();
		cover(floor(fromSecond, MINUTE_S), floor(toSecond, MINUTE_S), Step.DAY, out);
		return out;
	}

	private static void cover(long from, long to, Step step, List<Bucket> out) {
		if (from >= to) {
			return;
		}
		if (step == Step.MINUTE) {
			for (long b = from; b < to; b += MINUTE_S) {
				out.add(new Bucket(Step.MINUTE, b));
			}
			return;
		}
		Step finer = (step == Step.DAY) ? Step.HOUR : Step.MINUTE;
		long start = ceil(from, step.seconds);
		long end = floor(to, step.seconds);
		if (start >= end) {
			cover(from, to, finer, out);
			return;
		}
		cover(from, start, finer, out);
		for (long b = start; b < end; b += step.seconds) {
			out.add(new Bucket(step, b));
		}
		cover(end, to, finer, out);
	}

	static long floor(long value, long unit) {
		return Math.floorDiv(value, unit) * unit;
	}

	static long ceil(long value, long unit) {
		return -Math.floorDiv(-value, unit) * unit;
	}

}
