package io.headcount.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stack for the run command:
 * {@code DevStackMain [workDir] [--kafka-port N] [--influx-port N]}. Starts everything,
 * writes {@code <workDir>/stack.env} (the environment that points the services at it)
 * once all is ready, prints it, and keeps running until SIGINT or SIGTERM, whose shutdown
 * hook stops every server. Ports are free ones unless given (e.g.
 * {@code --influx-port 8086} for a Grafana set up for the default).
 */
public final class DevStackMain {

	private DevStackMain() {
	}

	public static void main(String[] args) throws Exception {
		DevStackOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("usage: DevStackMain [workDir] [--kafka-port N] [--influx-port N]");
			System.exit(2);
			return;
		}
		System.out.println("devstack: starting Redis Cluster, Kafka and InfluxDB ...");
		long started = System.nanoTime();
		DevStack stack;
		try {
			stack = DevStack.start(options);
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: could not start: " + ex.getMessage());
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		Runtime.getRuntime()
			.addShutdownHook(Thread.ofPlatform().unstarted(() -> System.out.println("devstack: stopping")));
		System.out.printf("devstack: ready in %.1f s; %s%n", (System.nanoTime() - started) / 1e9,
				stack.workDir().resolve("stack.env"));
		System.out.print(Files.readString(stack.workDir().resolve("stack.env")));
		System.out.flush();
		// Nothing else to do: SIGINT/SIGTERM run the stack's shutdown hook, which stops
		// every server.
		new CountDownLatch(1).await();
	}

	static DevStackOptions parse(String[] args) {
		DevStackOptions options = DevStackOptions.defaults();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--kafka-port" -> options = options.withKafkaPort(port(args, ++i, arg));
				case "--influx-port" -> options = options.withInfluxPort(port(args, ++i, arg));
				default -> {
					if (arg.startsWith("-") || options.workDir() != null) {
						throw new IllegalArgumentException("Unexpected argument: " + arg);
					}
					options = options.withWorkDir(Path.of(arg));
				}
			}
		}
		return options;
	}

	private static int port(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a port number");
		}
		try {
			return Integer.parseInt(args[index]);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a port number, not " + args[index]);
		}
	}

}
