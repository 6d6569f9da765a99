package io.headcount.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioRegistryTests {

	private static final List<Scenario> REFERENCES = List.of(Scenarios.named("reference.redis"),
			Scenarios.named("reference.http"));

	private static final List<Scenario> SCENARIOS = List.of(Scenarios.named("presence.websockets"),
			Scenarios.named("presence.heartbeats"), Scenarios.named("counter.likes"));

	@Test
	void runsEverythingReferencesFirstByDefault() {
		assertThat(names(ScenarioRegistry.select(REFERENCES, SCENARIOS, List.of()))).containsExactly("reference.redis",
				"reference.http", "presence.websockets", "presence.heartbeats", "counter.likes");
	}

	@Test
	void keepsTheReferencesForTheRatiosWhenOnlyNamesScenarios() {
		assertThat(names(ScenarioRegistry.select(REFERENCES, SCENARIOS, List.of("presence"))))
			.containsExactly("reference.redis", "reference.http", "presence.websockets", "presence.heartbeats");
	}

	@Test
	void runsOnlyTheNamedReferencesWhenSomeAreNamed() {
		assertThat(names(ScenarioRegistry.select(REFERENCES, SCENARIOS, List.of("reference.http", "counter.likes"))))
			.containsExactly("reference.http", "counter.likes");
	}

	@Test
	void aPrefixMatchesWholeNameSegmentsOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScenarioRegistry.select(REFERENCES, SCENARIOS, List.of("pres")))
			.withMessageContaining("no scenario named pres")
			.withMessageContaining("presence.websockets");
	}

	@Test
	void theRealRegistryHasUniqueNamesAndDescriptions() {
		List<Scenario> all = ScenarioRegistry.select(ScenarioRegistry.references(), ScenarioRegistry.scenarios(),
				List.of());

		assertThat(names(all)).doesNotHaveDuplicates().contains("reference.redis", "reference.http");
		assertThat(all).allSatisfy((scenario) -> assertThat(scenario.description()).isNotBlank());
	}

	private static List<String> names(List<Scenario> scenarios) {
		return scenarios.stream().map(Scenario::name).toList();
	}

}
