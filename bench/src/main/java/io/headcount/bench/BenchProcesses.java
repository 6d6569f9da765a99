package io.headcount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.headcount.testsupport.ChildProcess;

/**
 * The processes of a run: started in the repository root with their output in a numbered
 * log under the work directory, and tracked so that the runner stops every one after each
 * scenario and at the end.
 */
public final class BenchProcesses implements AutoCloseable {

	private final Path directory;

	private final Path workDir;

	private final List<ChildProcess> processes = new CopyOnWriteArrayList<>();

	private final AtomicInteger logSequence = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	BenchProcesses(Path directory, Path workDir) {
		this.directory = directory;
		this.workDir = workDir;
	}

	/**
	 * Starts any command in the repository root with its output in a log under the work
	 * directory.
	 */
	public ChildProcess start(String name, List<String> command, Map<String, String> environment) {
		if (this.closed.get()) {
			throw new IllegalStateException("the run is over");
		}
		ChildProcess process = ChildProcess.start(name, command, environment, this.directory, nextLog(name));
		this.processes.add(process);
		return process;
	}

	/**
	 * Stops one process now (graceful, then forced); the runner would do it after the
	 * scenario anyway.
	 */
	public void stop(ChildProcess process) {
		process.stop();
		this.processes.remove(process);
	}

	/**
	 * Runs a command to completion, its output kept in a log under the work directory. A
	 * command still running after {@code timeout} (redis-benchmark spins forever when it
	 * cannot connect) or when the scenario is interrupted is killed.
	 */
	public CommandOutput run(String name, List<String> command, Duration timeout) throws InterruptedException {
		ChildProcess process = start(name, command, Map.of());
		try {
			if (!process.waitFor(timeout)) {
				throw new IllegalStateException(name + " did not finish within " + timeout + ": " + command);
			}
			return new CommandOutput(process.exitValue(), Files.readString(process.log(), StandardCharsets.UTF_8),
					process.log());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (process.isAlive()) {
				process.kill9();
			}
			this.processes.remove(process);
		}
	}

	/** Stops every process still running; the runner calls it after each scenario. */
	void stopAll() {
		for (ChildProcess process : List.copyOf(this.processes)) {
			if (process.isAlive()) {
				BenchMain.say("stopping %s", process);
			}
			stop(process);
		}
	}

	/** Stops every process and refuses new ones. */
	@Override
	public void close() {
		this.closed.set(true);
		stopAll();
	}

	private Path nextLog(String name) {
		try {
			Files.createDirectories(this.workDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.workDir.resolve(
				"%02d-%s.log".formatted(this.logSequence.incrementAndGet(), name.replaceAll("[^A-Za-z0-9._-]", "_")));
	}

}
