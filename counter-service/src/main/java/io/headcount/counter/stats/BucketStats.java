package io.headcount.counter.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one bucket (or a whole range) holds for an event type: how many events, the exact
 * sum of their values, and the smallest and largest value (null without events). Values
 * are in the units clients send; Redis keeps them in millionths.
 */
record BucketStats(long count, BigDecimal sum, @Nullable BigDecimal min, @Nullable BigDecimal max) {

	static final BucketStats EMPTY = new BucketStats(0, BigDecimal.ZERO, null, null);

	/**
	 * A bucket's fields as the apply script writes them ({@code <start>}, …:s, :lo, :hi).
	 */
	static BucketStats fromFields(Map<String, String> fields, String start) {
		String count = fields.get(start);
		if (count == null) {
			return EMPTY;
		}
		String sum = fields.get(start + ":s");
		return new BucketStats(Long.parseLong(count), (sum != null) ? units(sum) : BigDecimal.ZERO,
				optionalUnits(fields.get(start + ":lo")), optionalUnits(fields.get(start + ":hi")));
	}

	/** This and another bucket as one: counts and sums added, the extremes kept. */
	BucketStats plus(BucketStats other) {
		if (other.count == 0) {
			return this;
		}
		if (this.count == 0) {
			return other;
		}
		return new BucketStats(this.count + other.count, this.sum.add(other.sum), least(this.min, other.min),
				greatest(this.max, other.max));
	}

	/** sum / count of the same events, so exact but for the division (16 digits). */
	@Nullable BigDecimal avg() {
		return (this.count == 0) ? null : plain(this.sum.divide(BigDecimal.valueOf(this.count), MathContext.DECIMAL64));
	}

	/** Without trailing zeros, and never in exponent form for whole numbers (1E+3). */
	static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private static BigDecimal units(String micros) {
		return plain(new BigDecimal(micros).movePointLeft(6));
	}

	private static @Nullable BigDecimal optionalUnits(@Nullable String micros) {
		return (micros != null) ? units(micros) : null;
	}

	private static @Nullable BigDecimal least(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		return (a == null) ? b : (b == null || a.compareTo(b) <= 0) ? a : b;
	}

	private static @Nullable BigDecimal greatest(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		return (a == null) ? b : (b == null || a.compareTo(b) >= 0) ? a : b;
	}

}
