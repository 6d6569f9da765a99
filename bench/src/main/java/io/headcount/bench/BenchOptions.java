package io.headcount.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The runner's command line; see {@link #USAGE}. */
record BenchOptions(boolean quick, List<String> only, Path out, List<String> notes, Duration timeLimit,
		@Nullable Path baseline, Command command) {

	/**
	 * What to do; when several are given, the later in this order wins (bench/run adds
	 * --print-modules).
	 */
	enum Command {

		RUN, LIST, HELP, PRINT_MODULES

	}

	static final String USAGE = """
			usage: bench/run [--quick] [--only name,...] [--out dir] [--note text] [--time-limit minutes]
			                 [--baseline dir] [--list]
			  --quick         shorter runs (seconds instead of tens of seconds); figures are rougher
			  --only names    run only these scenarios (a name or a prefix such as 'presence'); the references
			                  run anyway, unless --only names some of them
			  --out dir       where benchmarks.md and benchmarks.json go (default: docs)
			  --note text     a sentence for the report, e.g. what else ran on the machine (repeatable)
			  --time-limit m  stop the whole run after m minutes (default 30), reporting what was measured
			  --baseline dir  another checkout of this repository with its service jars built: every selected
			                  scenario also runs on its jars, in the same run, and the report sets each figure
			                  beside the baseline's with the ratio and a verdict against the run's own noise
			                  (bench/README.md, "Comparing with a baseline"); dir is relative to the root
			  --list          list the scenarios and exit
			""";

	static BenchOptions parse(String... args) {
		boolean quick = false;
		List<String> only = new ArrayList<>();
		Path out = Path.of("docs");
		List<String> notes = new ArrayList<>();
		Duration timeLimit = Duration.ofMinutes(30);
		Path baseline = null;
		Command command = Command.RUN;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				value = arg.substring(equals + 1);
				arg = arg.substring(0, equals);
			}
			switch (arg) {
				case "--quick" -> quick = true;
				case "--list" -> command = later(command, Command.LIST);
				case "--print-modules" -> command = later(command, Command.PRINT_MODULES);
				case "-h", "--help" -> command = later(command, Command.HELP);
				case "--only", "--out", "--note", "--time-limit", "--baseline" -> {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
						}
						value = args[++i];
					}
					switch (arg) {
						case "--only" -> Arrays.stream(value.split(","))
							.map(String::strip)
							.filter((name) -> !name.isEmpty())
							.forEach(only::add);
						case "--out" -> out = Path.of(value);
						case "--note" -> notes.add(value);
						case "--baseline" -> baseline = Path.of(value);
						default -> timeLimit = Duration.ofMinutes(Long.parseLong(value));
					}
				}
				default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
			}
		}
		return new BenchOptions(quick, List.copyOf(only), out, List.copyOf(notes), timeLimit, baseline, command);
	}

	private static Command later(Command current, Command given) {
		return (given.compareTo(current) > 0) ? given : current;
	}

}
