package io.headcount.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link BenchReport} as {@code benchmarks.md} for people and
 * {@code benchmarks.json} for scripts.
 */
final class ReportWriter {

	static final String MARKDOWN = "benchmarks.md";

	static final String JSON = "benchmarks.json";

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	static void write(BenchReport report, Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(MARKDOWN), markdown(report), StandardCharsets.UTF_8);
		Files.writeString(directory.resolve(JSON), json(report), StandardCharsets.UTF_8);
	}

	static String json(BenchReport report) {
		return MAPPER.writeValueAsString(report) + "\n";
	}

	static String markdown(BenchReport report) {
		MachineFacts machine = report.machine();
		StringBuilder md = new StringBuilder();
		md.append("# Benchmarks\n\n");
		md.append("Measured by `bench/run%s` on %s (%.0f s) at commit `%s`. The same figures for scripts: [%s](%s).\n\n"
			.formatted(report.quick() ? " --quick" : "", report.startedAt(), report.seconds(), report.commit(), JSON,
					JSON));
		md.append("> **Noisy figures.** The load generators, the servers under test and the devstack share this "
				+ "machine's %d cores; the load average was %s at the start and %s at the end (1, 5, 15 min). "
					.formatted(machine.cores(), report.loadAverageAtStart(), report.loadAverageAtEnd())
				+ "Compare a scenario with its reference from the same run (the ratio column) rather than absolute "
				+ "figures across runs.");
		for (String note : report.notes()) {
			md.append(' ').append(note);
		}
		md.append("\n\n");
		if (!report.only().isEmpty()) {
			md.append("Partial run: `--only ").append(String.join(",", report.only())).append("`.\n\n");
		}

		md.append("## Machine\n\n| | |\n| --- | --- |\n");
		row(md, "CPU", "%s, %d cores".formatted(machine.cpuModel(), machine.cores()));
		row(md, "Memory", "%.1f GiB".formatted(machine.memoryMiB() / 1024.0));
		row(md, "JDK", machine.jdk());
		row(md, "OS", "%s (%s)".formatted(machine.os(), machine.kernel()));
		row(md, "Date", report.startedAt());
		row(md, "Load average at start / end", report.loadAverageAtStart() + " / " + report.loadAverageAtEnd());
		row(md, "Tools",
				report.tools()
					.entrySet()
					.stream()
					.map((tool) -> tool.getKey() + " " + tool.getValue())
					.collect(Collectors.joining(", ")));
		md.append('\n');

		Comparison comparison = report.comparison();
		if (comparison != null) {
			against(md, comparison, report.results());
		}

		md.append("## Results\n\n");
		md.append("Ratio = value / reference value, both measured in this run: below 1 is slower for req/s, "
				+ "above 1 is slower for ms.\n\n");
		boolean sides = report.results().stream().anyMatch((result) -> result.side() != null);
		md.append(sides
				? "| scenario | side | value | unit | reference | ratio |\n| --- | --- | ---: | --- | --- | ---: |\n"
				: "| scenario | value | unit | reference | ratio |\n| --- | ---: | --- | --- | ---: |\n");
		for (Result result : report.results()) {
			String side = sides ? " " + ((result.side() != null) ? result.side() : "") + " |" : "";
			md.append("| `%s` |%s %s | %s | %s | %s |\n".formatted(result.scenario(), side, number(result.value()),
					result.unit(), referenceColumn(result), (result.ratio() != null) ? number(result.ratio())
							: (result.reference() != null) ? "n/a (reference not measured)" : ""));
		}
		md.append('\n');

		md.append("## How each scenario measures\n\n");
		for (BenchReport.ScenarioRun scenario : report.scenarios()) {
			md.append("* **%s**%s%s (%.0f s): %s\n".formatted(scenario.name(),
					scenario.reference() ? ", a reference" : "",
					(scenario.side() != null) ? ", " + scenario.side() : "", scenario.seconds(),
					scenario.description()));
		}

		if (!report.failures().isEmpty()) {
			md.append("\n## Failures\n\n");
			for (BenchReport.Failure failure : report.failures()) {
				md.append("* **%s**:\n\n  ```\n%s\n  ```\n".formatted(failure.scenario(), indent(failure.message())));
			}
		}
		return md.toString();
	}

	/**
	 * Each figure beside its baseline figure, then the reference figures the noise bands
	 * come from.
	 */
	private static void against(StringBuilder md, Comparison comparison, List<Result> results) {
		md.append("## Against the baseline\n\n");
		md.append(("Every scenario ran twice in this run against the same devstack: on the service jars of `%s` "
				+ "(commit `%s`) and on this checkout's, both started with this checkout's `service-jvm.options` "
				+ "and the same environment, so only the code differs; the side that ran first alternated from "
				+ "scenario to scenario. Ratio = current / baseline. The noise band of a unit is the largest "
				+ "relative difference between the two measurements of its reference figures (before and after "
				+ "the scenarios), at least %.0f %%: %s. Within the band the verdict is \"%s\"; outside it, "
				+ "\"%s\" or \"%s\" (more req/s is better, fewer ms is better).\n\n")
			.formatted(comparison.baseline(), comparison.baselineCommit(), Comparison.MIN_BAND * 100,
					comparison.noiseBands()
						.entrySet()
						.stream()
						.map((band) -> "%s ±%s %%".formatted(band.getKey(), number(band.getValue() * 100)))
						.collect(Collectors.joining(", ")),
					Comparison.WITHIN_NOISE, Comparison.BETTER, Comparison.WORSE));
		md.append("| figure | unit | baseline | current | current / baseline | noise band | verdict |\n"
				+ "| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
		for (Comparison.Figure figure : comparison.figures()) {
			md.append("| `%s` | %s | %s | %s | %s | ±%s %% | %s |\n".formatted(figure.scenario(), figure.unit(),
					number(figure.baseline()), number(figure.current()),
					(figure.ratio() != null) ? number(figure.ratio()) : "n/a (baseline 0)",
					number(figure.noiseBand() * 100), figure.verdict()));
		}
		md.append("\nThe references, measured before and after the scenarios:\n\n"
				+ "| reference | before | after | unit |\n| --- | ---: | ---: | --- |\n");
		Map<String, Double> before = new LinkedHashMap<>();
		results.forEach((result) -> before.putIfAbsent(result.scenario(), result.value()));
		for (Result again : comparison.referencesAgain()) {
			md.append("| `%s` | %s | %s | %s |\n".formatted(again.scenario(),
					before.containsKey(again.scenario()) ? number(before.get(again.scenario())) : "n/a",
					number(again.value()), again.unit()));
		}
		md.append('\n');
	}

	/**
	 * A reference's own row says so; a figure with no ratio (a count, a latency, heap)
	 * says nothing.
	 */
	private static String referenceColumn(Result result) {
		if (result.reference() != null) {
			return "`" + result.reference() + "`";
		}
		return result.scenario().startsWith("reference.") ? "(reference)" : "";
	}

	/** Enough digits to compare, no more: 199,800 req/s, 12.5 ms, 0.287 ms. */
	static String number(double value) {
		double magnitude = Math.abs(value);
		String pattern = (magnitude >= 1000) ? "%,.0f"
				: (magnitude >= 100) ? "%.1f" : (magnitude >= 1) ? "%.2f" : "%.3f";
		return String.format(Locale.ROOT, pattern, value);
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
	}

	private static String indent(String text) {
		List<String> lines = text.lines().limit(30).toList();
		return lines.stream().map((line) -> "  " + line).collect(Collectors.joining("\n"));
	}

}
