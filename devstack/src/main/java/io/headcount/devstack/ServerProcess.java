package io.headcount.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One external server process: its output goes to a log file in its directory, its pid is
 * recorded in the {@link StackRegistry} so that nothing outlives a JVM killed with -9,
 * and every wait for it has a deadline and fails with the tail of its logs.
 */
final class ServerProcess {

	/**
	 * A readiness check; exceptions count as "not yet" and the last one is reported on
	 * timeout.
	 */
	@FunctionalInterface
	interface Probe {

		boolean ready() throws Exception;

	}

	/**
	 * Thrown when a server died at start because its port was taken meanwhile, so the
	 * caller can pick others.
	 */
	static final class PortInUseException extends IllegalStateException {

		PortInUseException(String message) {
			super(message);
		}

	}

	static final int TAIL_LINES = 40;

	private static final Duration POLL = Duration.ofMillis(100);

	private final String name;

	private final List<String> command;

	private final Path dir;

	private final Path output;

	private final List<Path> logs;

	private final StackRegistry registry;

	private final Consumer<Map<String, String>> environment;

	private volatile Process process;

	/**
	 * @param name unique in the stack, names the pid record and the errors
	 * ("redis-12001", "kafka")
	 * @param logs the server's own log files besides its stdout/stderr, tailed in errors
	 */
	ServerProcess(String name, List<String> command, Path dir, List<Path> logs, StackRegistry registry,
			Consumer<Map<String, String>> environment) {
		this.name = name;
		this.command = List.copyOf(command);
		this.dir = dir;
		this.output = dir.resolve(name + ".out");
		this.logs = List.copyOf(logs);
		this.registry = registry;
		this.environment = environment;
	}

	ServerProcess(String name, List<String> command, Path dir, List<Path> logs, StackRegistry registry) {
		this(name, command, dir, logs, registry, env -> {
		});
	}

	String name() {
		return this.name;
	}

	synchronized void start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running (pid " + this.process.pid() + ")");
		}
		try {
			Files.createDirectories(this.dir);
			ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.output.toFile()))
				.redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
			this.environment.accept(builder.environment());
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name + ": " + String.join(" ", this.command), ex);
		}
		this.registry.recordProcess(this.name, this.process.toHandle());
	}

	boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	Optional<ProcessHandle> handle() {
		Process current = this.process;
		return (current != null && current.isAlive()) ? Optional.of(current.toHandle()) : Optional.empty();
	}

	/** SIGKILL, as a crash would; returns once the process is gone. */
	synchronized void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			awaitExit(current, Duration.ofSeconds(10));
		}
		this.registry.forgetProcess(this.name);
	}

	/**
	 * SIGTERM so that the server shuts down cleanly, SIGKILL if it takes longer than
	 * {@code grace}.
	 */
	synchronized void stop(Duration grace) {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroy();
			if (!awaitExit(current, grace)) {
				current.destroyForcibly();
				awaitExit(current, Duration.ofSeconds(10));
			}
		}
		this.registry.forgetProcess(this.name);
	}

	/**
	 * Sends SIGTERM without waiting, so that several servers can shut down in parallel.
	 */
	void signalStop() {
		Process current = this.process;
		if (current != null) {
			current.destroy();
		}
	}

	private static boolean awaitExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	/**
	 * Polls {@code probe} until it answers true. Fails at once if the process exits (with
	 * {@link PortInUseException} when its log says so), and after {@code timeout} with
	 * the last probe error and the tail of the logs.
	 */
	void awaitReady(String what, Duration timeout, Probe probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Exception lastError = null;
		while (true) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				this.registry.forgetProcess(this.name);
				String message = this.name + " exited with code " + exitCode(current) + " while waiting for " + what;
				String tail = logTail(TAIL_LINES);
				if (tail.toLowerCase(Locale.ROOT).contains("address already in use")) {
					throw new PortInUseException(message + "\n" + tail);
				}
				throw new IllegalStateException(message + "\n" + tail);
			}
			try {
				if (probe.ready()) {
					return;
				}
				lastError = null;
			}
			catch (Exception ex) {
				lastError = ex;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(this.name + " was not " + what + " within " + timeout.toSeconds() + " s"
						+ ((lastError != null) ? " (last check: " + lastError + ")" : "") + "\n" + logTail(TAIL_LINES),
						lastError);
			}
			sleep(POLL);
		}
	}

	private static String exitCode(Process process) {
		return (process != null && !process.isAlive()) ? String.valueOf(process.exitValue()) : "?";
	}

	/** The last lines of the server's output and logs, for error messages. */
	String logTail(int lines) {
		StringBuilder tail = new StringBuilder();
		for (Path log : Stream.concat(Stream.of(this.output), this.logs.stream()).toList()) {
			if (Files.isRegularFile(log)) {
				tail.append("--- last lines of ").append(log).append(" ---\n");
				lastLines(log, lines).forEach(line -> tail.append(line).append('\n'));
			}
		}
		return tail.isEmpty() ? "(no log written in " + this.dir + ")" : tail.toString();
	}

	private static Deque<String> lastLines(Path file, int count) {
		Deque<String> lines = new ArrayDeque<>(count);
		// InputStreamReader replaces malformed bytes instead of failing, unlike
		// Files.newBufferedReader.
		try (var reader = new BufferedReader(
				new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
			reader.lines().forEach(line -> {
				if (lines.size() == count) {
					lines.removeFirst();
				}
				lines.addLast(line);
			});
		}
		catch (IOException | UncheckedIOException ex) {
			lines.addLast("(cannot read " + file + ": " + ex + ")");
		}
		return lines;
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
