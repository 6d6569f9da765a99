package io.headcount.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DevStack#start(DevStackOptions)} starts the stack.
 *
 * @param workDir where the servers keep config, data and logs; null for a fresh directory
 * under {@code ${java.io.tmpdir}/headcount-devstack} that is deleted when the stack
 * stops. A given directory is kept, but its {@code redis}, {@code kafka} and
 * {@code influx} subdirectories are wiped at start: a stack never inherits a previous
 * one's cluster state (which names ports that are no longer its own).
 * @param kafkaPort the broker's client port, 0 for a free one
 * @param influxPort InfluxDB's HTTP port (8086 for tools set up for the default), 0 for a
 * free one
 * @param readyTimeout how long each server may take to become ready before start fails
 * @param quickBroker whether the broker's JVM compiles with C1 only: about half the CPU
 * to become ready (2.5-3.0 s against 4.5-5.0 s measured here), which tests and
 * development restart often on two cores; benchmarks want the full JIT of a long-running
 * broker
 */
public record DevStackOptions(Path workDir, int kafkaPort, int influxPort, Duration readyTimeout, boolean quickBroker) {

	/** Overrides the default ready timeout (seconds), for slow CI machines. */
	public static final String READY_TIMEOUT_PROPERTY = "headcount.devstack.ready-timeout-seconds";

	public DevStackOptions {
		Objects.requireNonNull(readyTimeout, "readyTimeout");
		checkPort(kafkaPort, "kafkaPort");
		checkPort(influxPort, "influxPort");
	}

	/**
	 * A temporary work directory, free ports, a 90 s ready timeout (or
	 * {@value #READY_TIMEOUT_PROPERTY}), a quick broker.
	 */
	public static DevStackOptions defaults() {
		return new DevStackOptions(null, 0, 0, Duration.ofSeconds(Long.getLong(READY_TIMEOUT_PROPERTY, 90)), true);
	}

	public DevStackOptions withWorkDir(Path workDir) {
		return new DevStackOptions(workDir, this.kafkaPort, this.influxPort, this.readyTimeout, this.quickBroker);
	}

	public DevStackOptions withKafkaPort(int kafkaPort) {
		return new DevStackOptions(this.workDir, kafkaPort, this.influxPort, this.readyTimeout, this.quickBroker);
	}

	public DevStackOptions withInfluxPort(int influxPort) {
		return new DevStackOptions(this.workDir, this.kafkaPort, influxPort, this.readyTimeout, this.quickBroker);
	}

	public DevStackOptions withReadyTimeout(Duration readyTimeout) {
		return new DevStackOptions(this.workDir, this.kafkaPort, this.influxPort, readyTimeout, this.quickBroker);
	}

	public DevStackOptions withQuickBroker(boolean quickBroker) {
		return new DevStackOptions(this.workDir, this.kafkaPort, this.influxPort, this.readyTimeout, quickBroker);
	}

	private static void checkPort(int port, String name) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(name + " must be 0 (a free port) or a port number, not " + port);
		}
	}

}
