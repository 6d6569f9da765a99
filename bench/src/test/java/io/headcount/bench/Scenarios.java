package io.headcount.bench;

import java.util.List;

/** Scenario fixtures. */
final class Scenarios {

	private Scenarios() {
	}

	/** A scenario that measures nothing, known by its name. */
	static Scenario named(String name) {
		return new Scenario() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public String description() {
				return name;
			}

			@Override
			public List<Result> run(BenchContext context) {
				return List.of();
			}

		};
	}

}
