package io.headcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry point of {@code bench/run}: measures the references and the selected scenarios
 * and writes {@code docs/benchmarks.md} and {@code docs/benchmarks.json}. Exits by
 * itself, non-zero when a scenario failed; {@code --print-modules} lets the script build
 * only the service jars the scenarios start.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		// Before any logger exists: the devstack's and Kafka client's INFO chatter is not
		// the runner's output.
		System.setProperty("logback.configurationFile", "io/headcount/bench/runner-logback.xml");
		try {
			System.exit(run(BenchOptions.parse(args)));
		}
		catch (IllegalArgumentException ex) {
			// a wrong option or scenario name: the message says which and what exists
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	private static int run(BenchOptions options) throws Exception {
		List<Scenario> all = new ArrayList<>(ScenarioRegistry.references());
		all.addAll(ScenarioRegistry.scenarios());
		switch (options.command()) {
			case HELP -> System.out.print(BenchOptions.USAGE);
			case LIST ->
				all.forEach((scenario) -> System.out.printf("%-28s %s%n", scenario.name(), scenario.description()));
			case PRINT_MODULES -> {
				Set<String> modules = new TreeSet<>();
				ScenarioRegistry.select(ScenarioRegistry.references(), ScenarioRegistry.scenarios(), options.only())
					.forEach((scenario) -> modules.addAll(scenario.modules()));
				System.out.println(String.join(",", modules));
			}
			case RUN -> {
				// System.exit in main: scenario threads that ignored an interrupt must
				// not keep the run alive.
				return new BenchRunner(options, Path.of(System.getProperty("headcount.root", "")).toAbsolutePath())
					.run();
			}
		}
		return 0;
	}

	static void say(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

}
