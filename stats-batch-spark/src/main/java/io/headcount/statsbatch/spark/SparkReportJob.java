package io.headcount.statsbatch.spark;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.statsbatch.sessions.InfluxFastPath;
import io.headcount.statsbatch.sessions.SessionRules;

/**
 * {@code spark-submit --class io.headcount.statsbatch.spark.SparkReportJob
 * stats-batch-<version>-spark-job.jar --archive DIR --reports DIR --date YYYY-MM-DD [--to
 * YYYY-MM-DD] [--shuffle-partitions N] [--influx-url URL --influx-db DB]}. The master is
 * spark-submit's. The archive and report directories must be visible to the driver
 * (DuckDB-free: the files are listed by the driver and read by the executors, so on a
 * cluster use a shared file system path).
 */
public final class SparkReportJob {

	private SparkReportJob() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		LocalDate from = LocalDate.parse(required(options, "date"));
		LocalDate to = LocalDate.parse(options.getOrDefault("to", from.toString()));
		String influx = options.get("influx-url");
		ReportJob job = new ReportJob(new ArchiveFiles(Path.of(required(options, "archive"))), SessionRules.defaults(),
				(influx == null) ? null
						: new InfluxFastPath(URI.create(influx), options.getOrDefault("influx-db", "headcount")),
				Path.of(required(options, "reports")));
		EngineSettings spark = new EngineSettings("spark", options.getOrDefault("master", ""),
				Integer.parseInt(options.getOrDefault("shuffle-partitions", "8")), 0, "");
		Progress progress = Progress.of("spark report");
		try (QueryEngine engine = spark.open()) {
			for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
				System.out.println("Wrote " + job.run(engine, day, progress));
			}
		}
		progress.phase("done");
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required; usage: " + List.of("--archive DIR",
					"--reports DIR", "--date YYYY-MM-DD", "[--to YYYY-MM-DD]", "[--shuffle-partitions N]"));
		}
		return value;
	}

}
