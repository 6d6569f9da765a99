package io.headcount.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BenchRunnerTests {

	@Test
	void ratiosAreTakenAgainstTheReferencesOfTheSameRun() {
		Result reference = Result.of("reference.http.ping.throughput", 20000, Result.REQUESTS_PER_SECOND);
		List<Result> results = List.of(reference,
				Result.against("counter.likes.throughput", 5000, Result.REQUESTS_PER_SECOND, reference.scenario()),
				Result.against("counter.likes.p99", 3, Result.MILLISECONDS, "reference.redis.incr.p99"));

		List<Result> withRatios = BenchRunner.withRatios(results, Map.of(reference.scenario(), reference));

		assertThat(withRatios).extracting(Result::ratio).containsExactly(null, 0.25, null);
	}

	@Test
	void rejectsFiguresNotNamedAfterTheirScenario() throws Exception {
		Scenario scenario = new Scenario() {

			@Override
			public String name() {
				return "counter.likes";
			}

			@Override
			public String description() {
				return "likes";
			}

			@Override
			public List<Result> run(BenchContext context) {
				return List.of();
			}

		};

		assertThat(BenchRunner.validate(scenario, List.of(Result.of("counter.likes.p99", 1, Result.MILLISECONDS))))
			.hasSize(1);
		assertThatExceptionOfType(BenchRunner.ScenarioFailed.class)
			.isThrownBy(() -> BenchRunner.validate(scenario, List.of(Result.of("likes.p99", 1, Result.MILLISECONDS))));
		assertThatExceptionOfType(BenchRunner.ScenarioFailed.class).isThrownBy(() -> BenchRunner.validate(scenario,
				List.of(Result.of("counter.likes.p99", Double.NaN, Result.MILLISECONDS))));
	}

}
