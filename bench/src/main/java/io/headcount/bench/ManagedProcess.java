package io.headcount.bench;

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
import java.util.concurrent.TimeUnit;

/**
 * A process the runner started (a service, the trivial app, a client JVM, wrk). Its output goes to
 * {@link #log()}. The runner stops every one it tracks after each scenario and on exit, so a scenario
 * only needs {@link #stop()} to free resources early.
 */
public final class ManagedProcess implements AutoCloseable {

	private static final Duration GRACE = Duration.ofSeconds(15);

	private final String name;

	private final Process process;

	private final Path log;

	ManagedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
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

	Process process() {
		return this.process;
	}

	/**
	 * Polls {@code uri} until it answers 200. Fails early, with the end of the log, when the process
	 * exits, so a service that cannot start does not cost the whole timeout.
	 */
	public void awaitHttpOk(URI uri, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
							+ " before " + uri + " answered; end of " + this.log + ":\n" + logTail(40));
				}
				try {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return;
					}
					last = response.statusCode() + " " + response.body();
				}
				catch (IOException ex) {
					last = ex.toString();
				}
				Thread.sleep(250);
			}
		}
		throw new IllegalStateException(this.name + ": " + uri + " not 200 within " + timeout + " (last: " + last
				+ "); end of " + this.log + ":\n" + logTail(40));
	}

	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/** SIGTERM to the process and its children (graceful shutdown), SIGKILL after 15 s. Idempotent. */
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

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ")";
	}

}
