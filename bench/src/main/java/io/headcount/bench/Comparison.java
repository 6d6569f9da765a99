package io.headcount.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@code --baseline} run's comparison: every scenario figure measured on the baseline
 * checkout's jars and on this one's, their ratio, and a verdict against a noise band
 * taken from the run itself. The band is how far the references moved between their
 * measurement before the scenarios and the one after them ({@code referencesAgain}): the
 * largest relative difference among a unit's reference figures, never below
 * {@link #MIN_BAND} (two measurements understate the spread); a unit the references do
 * not measure gets the widest band.
 */
record Comparison(String baseline, String baselineCommit, Map<String, Double> noiseBands, List<Result> referencesAgain,
		List<Figure> figures) {

	/** One pair of measurements is a poor estimate of spread: no band is narrower. */
	static final double MIN_BAND = 0.05;

	static final String WITHIN_NOISE = "within noise";

	static final String BETTER = "better";

	static final String WORSE = "worse";

	static final String DIFFERENT = "different";

	/**
	 * Units where more is better; {@link #LOWER_IS_BETTER} the opposite; others neither.
	 */
	private static final Set<String> HIGHER_IS_BETTER = Set.of(Result.REQUESTS_PER_SECOND, "connections");

	private static final Set<String> LOWER_IS_BETTER = Set.of(Result.MILLISECONDS, "s", "KiB", "requests");

	Comparison {
		noiseBands = new TreeMap<>(noiseBands);
		referencesAgain = List.copyOf(referencesAgain);
		figures = List.copyOf(figures);
	}

	/**
	 * @param ratio current / baseline, null when the baseline figure is 0
	 */
	record Figure(String scenario, String unit, double baseline, double current, @Nullable Double ratio,
			double noiseBand, String verdict) {
	}

	static Comparison of(String baseline, String baselineCommit, List<Result> results, List<Result> referencesAgain) {
		Map<String, Double> bands = noiseBands(results, referencesAgain);
		return new Comparison(baseline, baselineCommit, bands, referencesAgain, figures(results, bands));
	}

	/**
	 * Per unit, the largest |again / first - 1| over the reference figures measured
	 * twice, at least {@link #MIN_BAND}, rounded to 0.1 %.
	 */
	static Map<String, Double> noiseBands(List<Result> results, List<Result> referencesAgain) {
		Map<String, Result> first = new LinkedHashMap<>();
		results.stream()
			.filter((result) -> result.scenario().startsWith("reference."))
			.forEach((result) -> first.put(result.scenario(), result));
		Map<String, Double> bands = new TreeMap<>();
		for (Result again : referencesAgain) {
			Result before = first.get(again.scenario());
			if (before == null || before.value() == 0) {
				continue;
			}
			double difference = Math.abs(again.value() / before.value() - 1);
			bands.merge(again.unit(), difference, Math::max);
		}
		bands.replaceAll((unit, band) -> Math.ceil(Math.max(band, MIN_BAND) * 1000) / 1000);
		return bands;
	}

	/**
	 * Pairs each figure's baseline and current results, in the order the current ones
	 * were measured; a figure missing on either side (a failure) is left out.
	 */
	static List<Figure> figures(List<Result> results, Map<String, Double> bands) {
		Map<String, Result> baseline = new LinkedHashMap<>();
		results.stream()
			.filter((result) -> Result.BASELINE.equals(result.side()))
			.forEach((result) -> baseline.put(result.scenario(), result));
		double widest = bands.values().stream().mapToDouble(Double::doubleValue).max().orElse(MIN_BAND);
		List<Figure> figures = new ArrayList<>();
		for (Result current : results) {
			Result before = baseline.get(current.scenario());
			if (!Result.CURRENT.equals(current.side()) || before == null) {
				continue;
			}
			double band = bands.getOrDefault(current.unit(), widest);
			Double ratio = (before.value() != 0) ? Math.round(current.value() / before.value() * 1000) / 1000.0
					: (current.value() == 0) ? 1.0 : null;
			figures.add(new Figure(current.scenario(), current.unit(), before.value(), current.value(), ratio, band,
					verdict(current.unit(), ratio, band)));
		}
		return figures;
	}

	static String verdict(String unit, @Nullable Double ratio, double band) {
		if (ratio == null) {
			return DIFFERENT;
		}
		if (Math.abs(ratio - 1) <= band) {
			return WITHIN_NOISE;
		}
		boolean more = ratio > 1;
		if (HIGHER_IS_BETTER.contains(unit)) {
			return more ? BETTER : WORSE;
		}
		if (LOWER_IS_BETTER.contains(unit)) {
			return more ? WORSE : BETTER;
		}
		return DIFFERENT;
	}

}
