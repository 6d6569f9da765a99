package io.headcount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.headcount.testsupport.ServiceLauncher;
import org.jspecify.annotations.Nullable;

/**
 * One run: references first, then the selected scenarios, each on its own thread under a
 * time limit, then ratios and the report. Whatever a scenario started is stopped after
 * it, and everything (the devstack too) at the end, on failure, or on Ctrl-C (shutdown
 * hook).
 */
final class BenchRunner {

	private final BenchOptions options;

	private final Path repoRoot;

	BenchRunner(BenchOptions options, Path repoRoot) {
		this.options = options;
		this.repoRoot = repoRoot;
	}

	/**
	 * @return the exit code: 0 when every selected scenario produced its figures
	 */
	int run() throws IOException, InterruptedException {
		List<Scenario> references = ScenarioRegistry.references();
		List<Scenario> selected = ScenarioRegistry.select(references, ScenarioRegistry.scenarios(),
				this.options.only());
		Path baseline = checkedBaseline();
		Set<Scenario> onBothSides = (baseline != null) ? comparable(selected, baseline) : Set.of();
		List<Step> steps = steps(selected, references, onBothSides::contains);
		Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long start = System.nanoTime();
		long deadline = start + this.options.timeLimit().toNanos();
		String loadAverageAtStart = MachineFacts.loadAverage();
		BenchMain.say("load average %s; running %s", loadAverageAtStart,
				steps.stream()
					.map((step) -> step.scenario().name() + ((step.side() != null) ? " (" + step.side() + ")" : ""))
					.toList());

		Path workDir = this.repoRoot.resolve("bench/target/bench-run");
		deleteRecursively(workDir);
		List<BenchReport.ScenarioRun> runs = new ArrayList<>();
		List<Result> results = new ArrayList<>();
		List<BenchReport.Failure> failures = new ArrayList<>();
		Map<String, String> tools;
		Map<String, Result> measuredReferences;
		BenchContext context = new BenchContext(this.options.quick(), this.repoRoot, workDir);
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread cleanup = new Thread(() -> {
			interrupted.set(true);
			context.close();
		}, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		List<Result> referencesAgain = new ArrayList<>();
		try {
			tools = toolVersions(context);
			for (Step step : steps) {
				Scenario scenario = step.scenario();
				boolean reference = references.contains(scenario);
				String label = scenario.name() + ((step.side() != null) ? " (" + step.side() + ")" : "");
				if (baseline != null && Result.BASELINE.equals(step.side())) {
					context.services().useJarsOf(baseline);
				}
				else {
					context.services().useOwnJars();
				}
				long scenarioStart = System.nanoTime();
				try {
					List<Result> figures = runWithin(scenario, context, deadline);
					if (Step.AGAIN.equals(step.side())) {
						referencesAgain.addAll(figures);
					}
					else {
						figures.stream()
							.map((figure) -> (step.side() != null) ? figure.onSide(step.side()) : figure)
							.forEach(results::add);
					}
					if (reference && step.side() == null) {
						context.addReferences(figures);
					}
					BenchMain.say("%s: %d figures in %.1f s", label, figures.size(),
							(System.nanoTime() - scenarioStart) / 1e9);
				}
				catch (ScenarioFailed ex) {
					failures.add(new BenchReport.Failure(label, ex.getMessage()));
					BenchMain.say("%s FAILED: %s", label, ex.getMessage().lines().findFirst().orElse(""));
				}
				finally {
					context.stopProcesses();
					context.services().useOwnJars();
				}
				runs.add(new BenchReport.ScenarioRun(scenario.name(), reference, scenario.description(),
						Math.round((System.nanoTime() - scenarioStart) / 1e8) / 10.0, step.side()));
			}
			measuredReferences = context.references();
		}
		finally {
			context.close();
			try {
				Runtime.getRuntime().removeShutdownHook(cleanup);
			}
			catch (IllegalStateException ex) {
				// already shutting down: the hook runs, and close() is idempotent
			}
		}

		if (interrupted.get()) {
			// Ctrl-C or SIGTERM: a half-measured report must not replace the last
			// complete one.
			BenchMain.say("interrupted: everything started is stopped; no report written");
			return 130;
		}
		List<Result> compared = withRatios(results, measuredReferences);
		Comparison comparison = (baseline != null)
				? Comparison.of(baseline.toString(), commit(baseline), compared, referencesAgain) : null;
		BenchReport report = new BenchReport(startedAt.toString(), Math.round((System.nanoTime() - start) / 1e8) / 10.0,
				this.options.quick(), this.options.only(), MachineFacts.probe(), loadAverageAtStart,
				MachineFacts.loadAverage(), commit(this.repoRoot), tools, this.options.notes(), runs, compared,
				failures, comparison);
		Path out = this.repoRoot.resolve(this.options.out());
		ReportWriter.write(report, out);
		BenchMain.say("wrote %s and %s (process logs in %s)", out.resolve(ReportWriter.MARKDOWN),
				out.resolve(ReportWriter.JSON), workDir);
		for (Result result : report.results()) {
			System.out.printf("  %-55s %-8s %14s %-6s%s%n", result.scenario(),
					(result.side() != null) ? result.side() : "", ReportWriter.number(result.value()), result.unit(),
					(result.ratio() != null) ? "  x" + ReportWriter.number(result.ratio()) : "");
		}
		if (comparison != null) {
			for (Comparison.Figure figure : comparison.figures()) {
				System.out.printf("  %-55s current/baseline %s: %s%n", figure.scenario(),
						(figure.ratio() != null) ? ReportWriter.number(figure.ratio()) : "n/a", figure.verdict());
			}
		}
		return failures.isEmpty() ? 0 : 1;
	}

	/**
	 * The order of a run: the references, the other scenarios, and with a baseline each
	 * of those twice (baseline and current jars) followed by the references again, whose
	 * drift is the run's noise band ({@link Comparison}). The side that goes first
	 * alternates from scenario to scenario: the second side of a scenario meets a
	 * devstack that holds the first side's keys and topic records, a warmer page cache
	 * and load generator, and whatever load the shared machine has drifted to; always
	 * putting one side second would turn that into a difference between the jars. A
	 * scenario {@code onBothSides} rejects (the baseline lacks a jar it starts, such as a
	 * module newer than the baseline) runs once, on this checkout's jars.
	 */
	static List<Step> steps(List<Scenario> selected, List<Scenario> references, Predicate<Scenario> onBothSides) {
		boolean withBaseline = selected.stream().anyMatch(onBothSides);
		List<Step> steps = new ArrayList<>();
		List<Scenario> selectedReferences = selected.stream().filter(references::contains).toList();
		selectedReferences.forEach((reference) -> steps.add(new Step(reference, null)));
		int index = 0;
		for (Scenario scenario : selected) {
			if (references.contains(scenario)) {
				continue;
			}
			if (!onBothSides.test(scenario)) {
				steps.add(new Step(scenario, null));
				continue;
			}
			boolean baselineFirst = (index++ % 2) == 0;
			steps.add(new Step(scenario, baselineFirst ? Result.BASELINE : Result.CURRENT));
			steps.add(new Step(scenario, baselineFirst ? Result.CURRENT : Result.BASELINE));
		}
		if (withBaseline) {
			selectedReferences.forEach((reference) -> steps.add(new Step(reference, Step.AGAIN)));
		}
		return steps;
	}

	/**
	 * The {@code --baseline} checkout, absolute; null without the option.
	 * @throws IllegalArgumentException before anything starts when it is no directory
	 */
	private @Nullable Path checkedBaseline() {
		Path baseline = this.options.baseline();
		if (baseline == null) {
			return null;
		}
		Path root = this.repoRoot.resolve(baseline).toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) {
			throw new IllegalArgumentException("--baseline " + baseline + ": no such directory");
		}
		return root;
	}

	/**
	 * The selected scenarios the baseline holds every jar of; the others are named, with
	 * how to build what they lack, and run once on this checkout's jars.
	 * @throws IllegalArgumentException before anything starts when no scenario can be
	 * compared
	 */
	private static Set<Scenario> comparable(List<Scenario> selected, Path baseline) {
		ServiceLauncher jars = new ServiceLauncher(baseline);
		Set<Scenario> comparable = new LinkedHashSet<>();
		Set<String> missing = new TreeSet<>();
		for (Scenario scenario : selected) {
			List<String> lacking = scenario.modules()
				.stream()
				.filter((module) -> jars.builtJar(module).isEmpty())
				.toList();
			if (lacking.isEmpty()) {
				comparable.add(scenario);
			}
			else {
				missing.addAll(lacking);
				BenchMain.say("%s runs once, on this checkout's jars: --baseline %s has no built jar of %s",
						scenario.name(), baseline, lacking);
			}
		}
		String build = "run ./mvnw -q -DskipTests package -pl " + String.join(",", missing) + " -am in it";
		if (comparable.stream().allMatch((scenario) -> scenario.modules().isEmpty())) {
			throw new IllegalArgumentException(
					"--baseline " + baseline + " has no built jar of " + missing + " and nothing to compare: " + build);
		}
		if (!missing.isEmpty()) {
			BenchMain.say("to compare those too, %s", build);
		}
		return comparable;
	}

	/**
	 * One scenario to run, on a side ({@link Result#BASELINE}, {@link Result#CURRENT},
	 * {@link #AGAIN}) or none.
	 */
	record Step(Scenario scenario, @Nullable String side) {

		/** A reference measured again after a baseline comparison's scenarios. */
		static final String AGAIN = "again";

	}

	private List<Result> runWithin(Scenario scenario, BenchContext context, long deadline)
			throws ScenarioFailed, InterruptedException {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new ScenarioFailed(
					"not run: the run's time limit of " + this.options.timeLimit().toMinutes() + " min was reached");
		}
		long limit = Math.min(scenario.timeLimit().toNanos(), remaining);
		BenchMain.say("%s: running (at most %d s)", scenario.name(), TimeUnit.NANOSECONDS.toSeconds(limit));
		ExecutorService executor = Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("scenario-" + scenario.name()).daemon(true).factory());
		try {
			Future<List<Result>> figures = executor.submit(() -> scenario.run(context));
			return validate(scenario, figures.get(limit, TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			throw new ScenarioFailed(
					"exceeded its time limit of " + Duration.ofNanos(limit).toSeconds() + " s; stopped");
		}
		catch (ExecutionException ex) {
			throw new ScenarioFailed(describe(ex.getCause()));
		}
		finally {
			executor.shutdownNow();
		}
	}

	static List<Result> validate(Scenario scenario, List<Result> figures) throws ScenarioFailed {
		for (Result figure : figures) {
			if (!figure.scenario().startsWith(scenario.name() + ".")) {
				throw new ScenarioFailed(
						"result " + figure.scenario() + " must be named " + scenario.name() + ".<figure>");
			}
			if (!Double.isFinite(figure.value())) {
				throw new ScenarioFailed("result " + figure.scenario() + " is " + figure.value());
			}
		}
		return List.copyOf(figures);
	}

	/**
	 * Fills in each ratio from the references measured in this run; left empty when its
	 * reference failed.
	 */
	static List<Result> withRatios(List<Result> results, Map<String, Result> references) {
		return results.stream().map((result) -> {
			Result reference = (result.reference() != null) ? references.get(result.reference()) : null;
			if (reference == null || reference.value() == 0) {
				return result;
			}
			return result.withRatio(Math.round(result.value() / reference.value() * 1000) / 1000.0);
		}).toList();
	}

	private static String describe(Throwable failure) {
		StringBuilder message = new StringBuilder(String.valueOf(failure));
		for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
			message.append("\ncaused by: ").append(cause);
			failure = cause;
		}
		StackTraceElement[] trace = failure.getStackTrace();
		if (trace.length > 0) {
			message.append("\nat ").append(trace[0]);
		}
		return message.toString();
	}

	private Map<String, String> toolVersions(BenchContext context) throws InterruptedException {
		Map<String, String> tools = new LinkedHashMap<>();
		tools.put("redis-benchmark", version(context, List.of("redis-benchmark", "--version"), "redis-benchmark "));
		tools.put("redis-server", version(context, List.of("redis-server", "--version"), "v="));
		tools.put("wrk", version(context, List.of("wrk", "-v"), "wrk "));
		return tools;
	}

	/**
	 * The word after {@code prefix} in the tool's first line (wrk prints its version with
	 * its usage).
	 */
	private static String version(BenchContext context, List<String> command, String prefix)
			throws InterruptedException {
		try {
			String output = context.processes()
				.run(command.getFirst() + "-version", command, Duration.ofSeconds(10))
				.output();
			int at = output.indexOf(prefix);
			return (at < 0) ? "unknown" : output.substring(at + prefix.length()).split("\\s+")[0];
		}
		catch (IllegalStateException ex) {
			return "not installed";
		}
	}

	private static String commit(Path checkout) {
		try {
			Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").directory(checkout.toFile())
				.redirectErrorStream(true)
				.start();
			String commit = new String(git.getInputStream().readAllBytes()).strip();
			return (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) ? commit : "unknown";
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * A scenario's failure, reported instead of its figures; the run goes on with the
	 * next scenario.
	 */
	static final class ScenarioFailed extends Exception {

		ScenarioFailed(String message) {
			super(message);
		}

	}

}
