package io.headcount.statsbatch;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The command line: {@code archive [--follow]}, {@code report --date YYYY-MM-DD} or
 * {@code report --from YYYY-MM-DD --to YYYY-MM-DD} (a backfill), each with
 * {@code --engine duckdb|spark}; {@code repair [--date YYYY-MM-DD] [--apply]} (the
 * counter audit's drifted buckets, a dry run unless {@code --apply}). Without a command
 * the application is the service: it serves the reports and runs both jobs on their
 * schedule.
 */
class BatchCommands implements ApplicationRunner, ExitCodeGenerator {

	static final Set<String> COMMANDS = Set.of("archive", "report", "repair");

	private static final Logger logger = LoggerFactory.getLogger(BatchCommands.class);

	private final BatchRunner runner;

	private int exitCode;

	BatchCommands(BatchRunner runner) {
		this.runner = runner;
	}

	private static final Set<String> VALUED = Set.of("date", "from", "to", "engine", "spark-master");

	/**
	 * {@code --date 2026-12-07} as Spring reads it ({@code --date=2026-12-07}), and
	 * {@code --spark-master} as its property.
	 */
	static String[] normalize(String... args) {
		List<String> normalized = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--") && !arg.contains("=") && VALUED.contains(arg.substring(2))
					&& i + 1 < args.length) {
				arg = arg + "=" + args[++i];
			}
			if (arg.startsWith("--spark-master=")) {
				arg = "--headcount.engine.spark-master=" + arg.substring("--spark-master=".length());
			}
			normalized.add(arg);
		}
		return normalized.toArray(String[]::new);
	}

	/** Whether these arguments name a command (so no web server is started). */
	static boolean isCommand(String... args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> commands = args.getNonOptionArgs();
		if (commands.isEmpty()) {
			return; // the service
		}
		try {
			switch (commands.getFirst()) {
				case "archive" -> logger.info(this.runner.archive(args.containsOption("follow")).summary());
				case "report" -> this.runner.report(days(args), engine(args))
					.forEach((directory) -> logger.info("Wrote {}", directory));
				case "repair" -> {
					LocalDate day = date(args, "date");
					boolean apply = args.containsOption("apply");
					logger
						.info(this.runner.repair((day != null) ? day : this.runner.yesterday(), apply).summary(apply));
				}
				default -> throw new IllegalArgumentException("unknown command " + commands.getFirst()
						+ "; use archive [--follow], report --date YYYY-MM-DD [--engine duckdb|spark]"
						+ " or repair [--date YYYY-MM-DD] [--apply]");
			}
		}
		catch (IllegalArgumentException ex) {
			logger.error(ex.getMessage());
			this.exitCode = 2;
		}
		catch (RuntimeException ex) {
			logger.error("{} failed", commands.getFirst(), ex);
			this.exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private String engine(ApplicationArguments args) {
		List<String> engine = args.getOptionValues("engine");
		return (engine == null || engine.isEmpty()) ? this.runner.defaultEngine() : engine.getLast();
	}

	static List<LocalDate> days(ApplicationArguments args) {
		LocalDate date = date(args, "date");
		LocalDate from = date(args, "from");
		LocalDate to = date(args, "to");
		if (date != null && from == null && to == null) {
			return List.of(date);
		}
		if (date == null && from != null && to != null && !to.isBefore(from)) {
			List<LocalDate> days = new ArrayList<>();
			for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
				days.add(day);
			}
			return days;
		}
		throw new IllegalArgumentException("report needs --date YYYY-MM-DD, or --from and --to (from <= to)");
	}

	private static LocalDate date(ApplicationArguments args, String option) {
		List<String> values = args.getOptionValues(option);
		if (values == null || values.isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(values.getLast());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("--" + option + " must be YYYY-MM-DD, not " + values.getLast());
		}
	}

}
