package io.headcount.statsbatch.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.statsbatch.sessions.SessionRules;
import io.headcount.statsbatch.sessions.SessionsReport;

/**
 * The engines' benchmark (docs/benchmarks.md), one step per JVM so that each one's peak
 * memory is its own: {@code generate DIR EVENTS}, {@code duckdb DIR} (end to end, then
 * the bare sessions SQL on the same files in the same run), {@code spark DIR
 * [PARTITIONS]}. Prints one line per figure: {@code name value unit}. Run by
 * {@code stats-batch-spark/benchmark}.
 */
public final class EnginesBenchmark {

	static final LocalDate DAY = LocalDate.of(2026, 12, 7);

	private EnginesBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path directory = Path.of(args[1]);
		ArchiveFiles archive = new ArchiveFiles(directory.resolve("archive"));
		switch (args[0]) {
			case "generate" -> {
				int events = Integer.parseInt(args[2]);
				DaySpec spec = new DaySpec(DAY, events / 2, 5, 0.2, 0.0, 0.02, 20, 0.0, 2026);
				long started = System.nanoTime();
				SyntheticDay.write(spec, archive, Progress.of("generate"));
				figure("generate.seconds", seconds(started), "s");
				try (var files = Files.walk(archive.root())) {
					figure("archive.bytes", files.filter(Files::isRegularFile).mapToLong(EnginesBenchmark::size).sum(),
							"B");
				}
			}
			case "duckdb" -> {
				for (int run = 1; run <= 2; run++) { // the second run is the warm one
					long started = System.nanoTime();
					try (QueryEngine engine = EngineSettings.duckdb().open()) {
						new ReportJob(archive, SessionRules.defaults(), null, directory.resolve("reports")).run(engine,
								DAY, Progress.of("duckdb"));
					}
					figure("duckdb.end_to_end.run" + run, seconds(started), "s");
					started = System.nanoTime();
					try (QueryEngine engine = EngineSettings.duckdb().open()) {
						new SessionsReport(archive, SessionRules.defaults()).run(engine, DAY);
					}
					figure("duckdb.sessions_sql.run" + run, seconds(started), "s");
				}
				figure("duckdb.peak_rss", peakRss(), "MiB");
			}
			case "spark" -> {
				int partitions = (args.length > 2) ? Integer.parseInt(args[2]) : 8;
				long started = System.nanoTime();
				try (QueryEngine engine = EngineSettings.sparkLocal(partitions).open()) {
					figure("spark.start", seconds(started), "s");
					long report = System.nanoTime();
					new ReportJob(archive, SessionRules.defaults(), null, directory.resolve("reports-spark"))
						.run(engine, DAY, Progress.of("spark"));
					figure("spark.report.partitions" + partitions, seconds(report), "s");
				}
				figure("spark.end_to_end.partitions" + partitions, seconds(started), "s");
				figure("spark.peak_rss", peakRss(), "MiB");
			}
			default -> throw new IllegalArgumentException("generate DIR EVENTS | duckdb DIR | spark DIR [PARTITIONS]");
		}
	}

	private static void figure(String name, double value, String unit) {
		System.out.printf(java.util.Locale.ROOT, "FIGURE %s %.3f %s%n", name, value, unit);
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	private static long size(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** VmHWM: the most resident memory this JVM (and DuckDB inside it) ever held. */
	private static double peakRss() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		return -1;
	}

}
