package io.headcount.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Headcount service in its own OS process, for what only a real process shows:
 * {@code kill -9}. See {@link ServiceLauncher#start} for how it is started.
 */
public final class ServiceProcess implements AutoCloseable {

	private final ChildProcess process;

	private final int port;

	ServiceProcess(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * {@link ServiceLauncher#start} from the tests' working directory (the module's),
	 * with {@code -Xmx} {@code maxHeap} and {@code -XX:TieredStopAtLevel=1} (a test's
	 * service is short-lived).
	 * @param module the Maven module
	 * @param mainClass the application class, for a run from the class path
	 * @param name the instance id, also in the log file's name
	 * @param properties Spring properties, passed as environment variables
	 */
	public static ServiceProcess start(String module, Class<?> mainClass, String name, Map<String, String> properties,
			String maxHeap) {
		return ServiceLauncher.fromWorkingDirectory()
			.start(module, mainClass, name, properties, List.of("-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1"));
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.process.log();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** kill -9: no shutdown hook, no goodbye to Redis, Kafka or clients. */
	public void kill9() throws InterruptedException {
		this.process.kill9();
	}

	/**
	 * Ends the process at once: a test does not wait for a graceful shutdown it does not
	 * look at.
	 */
	@Override
	public void close() {
		try {
			this.process.kill9();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
