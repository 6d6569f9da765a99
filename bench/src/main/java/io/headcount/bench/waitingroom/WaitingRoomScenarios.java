package io.headcount.bench.waitingroom;

import java.util.List;

import io.headcount.bench.Scenario;

/** The waiting-room benchmarks, in the order the registry should run them. */
public final class WaitingRoomScenarios {

	private WaitingRoomScenarios() {
	}

	public static List<Scenario> all() {
		return List.of(new WaitingRoomFillScenario(), new WaitingRoomWebSocketsScenario());
	}

}
