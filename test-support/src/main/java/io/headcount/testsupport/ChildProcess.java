package io.headcount.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A process started by a test or the bench (a service, a client JVM, a tool) with its
 * output in a log file. Waits fail early, with the end of the log, when the process
 * exits, so a service that cannot start does not cost the whole timeout.
 */
public final class ChildProcess implements AutoCloseable {

	private static final Duration GRACE = Duration.ofSeconds(15);

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code command} in {@code directory} with {@code environment} added to this
	 * JVM's, its standard output and error in {@code log}.
	 */
	public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
			Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			return new ChildProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"cannot start " + name + " (" + command.getFirst() + "): " + ex.getMessage(), ex);
		}
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits at most {@code timeout} for the process to end; false if it still runs. */
	public boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The exit code of a process that has ended. */
	public int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Polls {@code uri} until it answers 200; fails at once, with the end of the log, if
	 * the process exits.
	 */
	public void awaitHttpOk(URI uri, Duration timeout) {
		String[] last = { "no answer" };
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + " before "
							+ uri + " answered; end of " + this.log + ":\n" + logTail(40));
				}
				try {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
							HttpResponse.BodyHandlers.ofString());
					last[0] = response.statusCode() + " " + response.body();
					return response.statusCode() == 200;
				}
				catch (IOException ex) {
					last[0] = ex.toString();
					return false;
				}
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(this.name + ": " + uri + " not 200 within " + timeout + " (last: " + last[0]
					+ "); end of " + this.log + ":\n" + logTail(40), ex);
		}
	}

	/** The last lines of the log, for error messages. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/**
	 * SIGTERM to the process and its children (graceful shutdown), SIGKILL after 15 s.
	 * Idempotent.
	 */
	public void stop() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * SIGKILL, as a crash would: no shutdown hook, no goodbye to Redis, Kafka or clients.
	 */
	public void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ")";
	}

}
