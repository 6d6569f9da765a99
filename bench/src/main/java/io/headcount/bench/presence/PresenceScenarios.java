package io.headcount.bench.presence;

import java.util.List;

import io.headcount.bench.Scenario;

/** The presence benchmarks, in the order the registry should run them. */
public final class PresenceScenarios {

	private PresenceScenarios() {
	}

	public static List<Scenario> all() {
		return List.of(new PresenceWebSocketsScenario(), new PresenceHeartbeatsScenario(), new PresenceFanOutScenario(),
				new PresenceVisitorsScenario());
	}

}
