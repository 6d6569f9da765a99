package io.headcount.bench.counter;

import java.util.List;

import io.headcount.bench.Scenario;

/** The counter-service scenarios, for {@code ScenarioRegistry.scenarios()}. */
public final class CounterScenarios {

	private CounterScenarios() {
	}

	public static List<Scenario> all() {
		return List.of(new CounterScenario(), new YardstickScenario(), new StatsScenario());
	}

}
