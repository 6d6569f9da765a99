package io.headcount.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTests {

	@Test
	void theNoiseBandIsHowFarTheReferencesMovedAndNeverBelowFivePercent() {
		List<Result> results = List.of(Result.of("reference.http.ping.throughput", 20000, Result.REQUESTS_PER_SECOND),
				Result.of("reference.http.ping.p99", 10, Result.MILLISECONDS));
		List<Result> again = List.of(Result.of("reference.http.ping.throughput", 18000, Result.REQUESTS_PER_SECOND),
				Result.of("reference.http.ping.p99", 10.2, Result.MILLISECONDS));

		assertThat(Comparison.noiseBands(results, again)).containsEntry(Result.REQUESTS_PER_SECOND, 0.1)
			.containsEntry(Result.MILLISECONDS, 0.05);
	}

	@Test
	void eachCurrentFigureMeetsItsBaselineWithARatioAndAVerdict() {
		List<Result> results = List.of(Result.of("reference.http.ping.throughput", 20000, Result.REQUESTS_PER_SECOND),
				Result.of("counter.likes.throughput", 5000, Result.REQUESTS_PER_SECOND).onSide(Result.BASELINE),
				Result.of("counter.likes.throughput", 4000, Result.REQUESTS_PER_SECOND).onSide(Result.CURRENT),
				Result.of("counter.likes.p99", 10, Result.MILLISECONDS).onSide(Result.CURRENT),
				Result.of("counter.likes.p99", 10.4, Result.MILLISECONDS).onSide(Result.BASELINE),
				Result.of("counter.reads.p99", 8, Result.MILLISECONDS).onSide(Result.CURRENT));
		List<Result> again = List.of(Result.of("reference.http.ping.throughput", 19000, Result.REQUESTS_PER_SECOND));

		Comparison comparison = Comparison.of("/tmp/base", "f6dab31", results, again);

		assertThat(comparison.figures())
			.extracting(Comparison.Figure::scenario, Comparison.Figure::ratio, Comparison.Figure::verdict)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("counter.likes.throughput", 0.8, Comparison.WORSE),
					org.assertj.core.groups.Tuple.tuple("counter.likes.p99", 0.962, Comparison.WITHIN_NOISE));
		assertThat(Comparison.verdict(Result.MILLISECONDS, 0.5, 0.05)).isEqualTo(Comparison.BETTER);
		assertThat(Comparison.verdict("requests", null, 0.05)).isEqualTo(Comparison.DIFFERENT);
	}

	@Test
	void withABaselineEachScenarioRunsOnBothSidesInAlternatingOrderAndTheReferencesRunAgain() {
		Scenario reference = Scenarios.named("reference.http");
		Scenario counter = Scenarios.named("counter");
		Scenario presence = Scenarios.named("presence.heartbeats");

		Scenario newer = Scenarios.named("counter.yardstick");

		List<BenchRunner.Step> steps = BenchRunner.steps(List.of(reference, counter, newer, presence),
				List.of(reference), (scenario) -> scenario != newer);

		assertThat(steps).extracting((step) -> step.scenario().name() + "/" + step.side())
			.containsExactly("reference.http/null", "counter/baseline", "counter/current", "counter.yardstick/null",
					"presence.heartbeats/current", "presence.heartbeats/baseline", "reference.http/again");
		assertThat(BenchRunner.steps(List.of(reference, counter), List.of(reference), (scenario) -> false))
			.extracting((step) -> step.scenario().name() + "/" + step.side())
			.containsExactly("reference.http/null", "counter/null");
	}

}
