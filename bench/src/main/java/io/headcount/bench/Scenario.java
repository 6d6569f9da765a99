package io.headcount.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One benchmark. Add an implementation to {@link ScenarioRegistry}; the runner calls
 * {@link #run} once per run, after the references, with the devstack already up, and
 * stops whatever the scenario started through the context when it returns, throws or
 * overruns {@link #timeLimit()}.
 */
public interface Scenario {

	/**
	 * Stable id used by {@code --only} and as the prefix of its result names, e.g.
	 * {@code presence.websockets}.
	 */
	String name();

	/**
	 * What is loaded, with which tool and settings; printed under the results so figures
	 * can be judged.
	 */
	String description();

	/**
	 * Maven modules whose jars {@link BenchContext#startService} starts;
	 * {@code bench/run} builds them first.
	 */
	default Set<String> modules() {
		return Set.of();
	}

	/**
	 * Upper bound for {@link #run}: past it the runner interrupts the scenario and stops
	 * its processes.
	 */
	default Duration timeLimit() {
		return Duration.ofMinutes(5);
	}

	/**
	 * Measures and returns the figures, each named {@code <name()>.<figure>}. Use
	 * {@link Result#against} to have the runner compute the ratio to a reference measured
	 * in this run.
	 */
	List<Result> run(BenchContext context) throws Exception;

}
