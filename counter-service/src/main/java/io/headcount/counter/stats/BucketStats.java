package io.headcount.counter.stats;

import java.math.BigDecimal;
import java.math.MathContext;

import org.jspecify.annotations.Nullable;

/**
 * What one bucket (or a whole range) holds for an event type: how many events, the exact
 * sum of their values, and the smallest and largest value (none without events). Kept as
 * Redis keeps them, in millionths of the client's units, as {@code long}s: a sum that
 * does not fit one (Redis' long double sums reach 2^64 millionths) goes on as a
 * {@link BigDecimal}, so nothing is ever rounded. Longs because a read adds up to a few
 * hundred buckets and prints each: the profile had {@code BigDecimal} parsing, stripping
 * and printing at a tenth of a read's CPU.
 */
final class BucketStats {

	static final BucketStats EMPTY = new BucketStats(0, 0, null, 0, 0);

	private static final long MICROS = 1_000_000;

	private final long count;

	/** The sum in millionths, when {@link #bigSum} is null. */
	private final long sum;

	/** The sum in millionths when it does not fit a long. */
	private final @Nullable BigDecimal bigSum;

	private final long lo;

	private final long hi;

	private BucketStats(long count, long sum, @Nullable BigDecimal bigSum, long lo, long hi) {
		this.count = count;
		this.sum = sum;
		this.bigSum = bigSum;
		this.lo = lo;
		this.hi = hi;
	}

	/** A bucket of {@code count > 0} events, all in millionths. */
	static BucketStats ofMicros(long count, long sum, long lo, long hi) {
		return new BucketStats(count, sum, null, lo, hi);
	}

	/**
	 * One bucket as {@code read-buckets.lua} answers it, {@code text[from, to)}: empty
	 * without events, else {@code count sum lo hi} in millionths.
	 */
	static BucketStats parse(String text, int from, int to) {
		if (from == to) {
			return EMPTY;
		}
		int a = text.indexOf(' ', from);
		int b = text.indexOf(' ', a + 1);
		int c = text.indexOf(' ', b + 1);
		long count = Long.parseLong(text, from, a, 10);
		if (count == 0) {
			return EMPTY;
		}
		long sum = 0;
		BigDecimal bigSum = null;
		// HINCRBYFLOAT keeps integers to 2^64, more than a long: 18 digits always fit;
		// anything but digits (none is written so) goes to BigDecimal, as it always did
		if (b - a - 1 <= 18 && isInteger(text, a + 1, b)) {
			sum = Long.parseLong(text, a + 1, b, 10);
		}
		else {
			bigSum = new BigDecimal(text.substring(a + 1, b));
		}
		// the script sets both extremes with the count; a bucket without them (none is
		// written so) keeps its count and sum and takes its sum as both
		long lo = (c > b + 1) ? Long.parseLong(text, b + 1, c, 10) : sum;
		long hi = (to > c + 1) ? Long.parseLong(text, c + 1, to, 10) : sum;
		return new BucketStats(count, sum, bigSum, lo, hi);
	}

	private static boolean isInteger(String text, int from, int to) {
		int i = (from < to && text.charAt(from) == '-') ? from + 1 : from;
		if (i == to) {
			return false;
		}
		for (; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	long count() {
		return this.count;
	}

	/** The exact sum, in the client's units. */
	BigDecimal sum() {
		return plain(sumMicros().movePointLeft(6));
	}

	@Nullable BigDecimal min() {
		return (this.count == 0) ? null : plain(BigDecimal.valueOf(this.lo, 6));
	}

	@Nullable BigDecimal max() {
		return (this.count == 0) ? null : plain(BigDecimal.valueOf(this.hi, 6));
	}

	/** The sum as a JSON number: exact, plain, without trailing zeros. */
	String sumText() {
		return (this.bigSum == null) ? units(this.sum) : sum().toPlainString();
	}

	@Nullable String minText() {
		return (this.count == 0) ? null : units(this.lo);
	}

	@Nullable String maxText() {
		return (this.count == 0) ? null : units(this.hi);
	}

	/** This and another bucket as one: counts and sums added, the extremes kept. */
	BucketStats plus(BucketStats other) {
		if (other.count == 0) {
			return this;
		}
		if (this.count == 0) {
			return other;
		}
		long count = this.count + other.count;
		long lo = Math.min(this.lo, other.lo);
		long hi = Math.max(this.hi, other.hi);
		if (this.bigSum == null && other.bigSum == null) {
			long sum = this.sum + other.sum;
			// overflow only when both have the sign the result lacks
			if (((this.sum ^ sum) & (other.sum ^ sum)) >= 0) {
				return new BucketStats(count, sum, null, lo, hi);
			}
		}
		return new BucketStats(count, 0, sumMicros().add(other.sumMicros()), lo, hi);
	}

	/** sum / count of the same events, so exact but for the division (16 digits). */
	@Nullable BigDecimal avg() {
		if (this.count == 0) {
			return null;
		}
		if (this.bigSum == null && this.sum % this.count == 0) {
			return plain(BigDecimal.valueOf(this.sum / this.count, 6));
		}
		return plain(sumMicros().movePointLeft(6).divide(BigDecimal.valueOf(this.count), MathContext.DECIMAL64));
	}

	private BigDecimal sumMicros() {
		return (this.bigSum != null) ? this.bigSum : BigDecimal.valueOf(this.sum);
	}

	/** Without trailing zeros, and never in exponent form for whole numbers (1E+3). */
	static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	/**
	 * Millionths as the client's decimal number, as {@link #plain} prints it: no trailing
	 * zeros, no exponent.
	 */
	static String units(long micros) {
		if (micros == Long.MIN_VALUE) {
			return plain(BigDecimal.valueOf(micros, 6)).toPlainString();
		}
		long abs = Math.abs(micros);
		long whole = abs / MICROS;
		long fraction = abs % MICROS;
		StringBuilder out = new StringBuilder(24);
		if (micros < 0) {
			out.append('-');
		}
		out.append(whole);
		if (fraction != 0) {
			int digits = 6;
			while (fraction % 10 == 0) {
				fraction /= 10;
				digits--;
			}
			out.append('.');
			String f = Long.toString(fraction);
			for (int pad = digits - f.length(); pad > 0; pad--) {
				out.append('0');
			}
			out.append(f);
		}
		return out.toString();
	}

}
