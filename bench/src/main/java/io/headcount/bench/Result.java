package io.headcount.bench;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One measured figure. {@code reference} names the reference result it is compared with
 * (null for the references themselves); {@code ratio} is value / reference value, filled
 * in by the runner from the same run, so a later run on another machine still compares
 * like with like. {@code side} says whose service jars it was measured on in a run with
 * {@code --baseline}, set by the runner (null otherwise, and for the references).
 */
public record Result(String scenario, double value, String unit, @Nullable String reference, @Nullable Double ratio,
		@Nullable String side) {

	public static final String REQUESTS_PER_SECOND = "req/s";

	public static final String MILLISECONDS = "ms";

	static final String BASELINE = "baseline";

	static final String CURRENT = "current";

	public Result {
		Objects.requireNonNull(scenario, "scenario");
		Objects.requireNonNull(unit, "unit");
	}

	/**
	 * A figure with no reference (the references themselves, or counts that have nothing
	 * to compare with).
	 */
	public static Result of(String scenario, double value, String unit) {
		return new Result(scenario, value, unit, null, null, null);
	}

	/**
	 * A figure the runner divides by the reference figure {@code reference} measured in
	 * the same run.
	 */
	public static Result against(String scenario, double value, String unit, String reference) {
		return new Result(scenario, value, unit, Objects.requireNonNull(reference, "reference"), null, null);
	}

	Result withRatio(@Nullable Double ratio) {
		return new Result(this.scenario, this.value, this.unit, this.reference, ratio, this.side);
	}

	Result onSide(String side) {
		return new Result(this.scenario, this.value, this.unit, this.reference, this.ratio, side);
	}

}
