package io.headcount.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Everything one run measured, as written to {@code benchmarks.json};
 * {@code benchmarks.md} is a view of it. Times are ISO-8601 UTC; {@code results} is the
 * list a comparison script diffs. {@code baseline} is the root of the {@code --baseline}
 * checkout, and {@code comparison} its figures side by side (both null without one).
 */
record BenchReport(String startedAt, double seconds, boolean quick, List<String> only, MachineFacts machine,
		String loadAverageAtStart, String loadAverageAtEnd, String commit, Map<String, String> tools,
		List<String> notes, List<ScenarioRun> scenarios, List<Result> results, List<Failure> failures,
		@Nullable Comparison comparison) {

	BenchReport {
		only = List.copyOf(only);
		tools = Collections.unmodifiableMap(new TreeMap<>(tools));
		notes = List.copyOf(notes);
		scenarios = List.copyOf(scenarios);
		results = List.copyOf(results);
		failures = List.copyOf(failures);
	}

	/**
	 * A scenario that ran, how (its description), for how long, and on which side
	 * ({@code baseline}, {@code current}, or null without {@code --baseline}; a reference
	 * measured again after the scenarios is {@code again}).
	 */
	record ScenarioRun(String name, boolean reference, String description, double seconds, @Nullable String side) {
	}

	/**
	 * A scenario that failed or overran; its figures are missing from {@code results}.
	 */
	record Failure(String scenario, String message) {
	}

}
