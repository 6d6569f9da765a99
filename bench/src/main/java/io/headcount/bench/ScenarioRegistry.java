package io.headcount.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.headcount.bench.counter.CounterScenarios;
import io.headcount.bench.presence.PresenceScenarios;
import io.headcount.bench.waitingroom.WaitingRoomScenarios;

import io.headcount.bench.reference.References;

/**
 * Every scenario the runner knows. A new benchmark is one line in {@link #scenarios()}.
 */
final class ScenarioRegistry {

	private ScenarioRegistry() {
	}

	/** Measured first in every run; other scenarios' ratios are taken against these. */
	static List<Scenario> references() {
		return References.all();
	}

	/**
	 * The benchmarks proper (presence, counter, waiting room), run in this order after
	 * the references.
	 */
	static List<Scenario> scenarios() {
		return Stream.of(PresenceScenarios.all(), CounterScenarios.all(), WaitingRoomScenarios.all())
			.flatMap(List::stream)
			.toList();
	}

	/**
	 * What a run measures: all references, then the scenarios {@code only} names (all
	 * when empty). A name selects itself and everything under it ({@code presence}
	 * selects {@code presence.websockets}). The references are kept even when unnamed,
	 * because ratios need them, unless {@code only} names some.
	 */
	static List<Scenario> select(List<Scenario> references, List<Scenario> scenarios, List<String> only) {
		if (only.isEmpty()) {
			List<Scenario> all = new ArrayList<>(references);
			all.addAll(scenarios);
			return all;
		}
		for (String name : only) {
			if (references.stream().noneMatch((scenario) -> matches(scenario, name))
					&& scenarios.stream().noneMatch((scenario) -> matches(scenario, name))) {
				throw new IllegalArgumentException(
						"no scenario named " + name + "; known: " + names(references) + " " + names(scenarios));
			}
		}
		List<Scenario> namedReferences = references.stream().filter((scenario) -> matchesAny(scenario, only)).toList();
		List<Scenario> selected = new ArrayList<>(namedReferences.isEmpty() ? references : namedReferences);
		scenarios.stream().filter((scenario) -> matchesAny(scenario, only)).forEach(selected::add);
		return selected;
	}

	private static boolean matchesAny(Scenario scenario, List<String> names) {
		return names.stream().anyMatch((name) -> matches(scenario, name));
	}

	private static boolean matches(Scenario scenario, String name) {
		return scenario.name().equals(name) || scenario.name().startsWith(name + ".");
	}

	private static List<String> names(List<Scenario> scenarios) {
		return scenarios.stream().map(Scenario::name).toList();
	}

}
