package io.headcount.devstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Main class of the broker JVM that {@link KafkaBroker} launches: exits when the JVM that
 * started it is gone (even when that one was killed with -9 and ran no shutdown hook),
 * formats the KRaft storage on first start, then runs {@code kafka.Kafka}. Formatting in
 * the same JVM saves a second JVM start. Only ever loaded in the broker JVM, where the
 * Kafka server jars are on the classpath.
 */
final class KafkaBrokerMain {

	private KafkaBrokerMain() {
	}

	/**
	 * @param args the parent's pid, {@code server.properties}, the broker's log directory
	 */
	public static void main(String[] args) throws Exception {
		long parentPid = Long.parseLong(args[0]);
		Path config = Path.of(args[1]);
		Path logDir = Path.of(args[2]);
		exitWhenGone(parentPid);
		if (!Files.exists(logDir.resolve("meta.properties"))) {
			String[] format = { "format", "--standalone", "--cluster-id", Uuid.randomUuid().toString(), "--config",
					config.toString() };
			int exitCode = StorageTool.execute(format, new PrintStream(System.out, true));
			if (exitCode != 0) {
				System.err.println("kafka-storage format failed with exit code " + exitCode);
				System.exit(exitCode);
			}
		}
		Kafka.main(new String[] { config.toString() });
	}

	private static void exitWhenGone(long parentPid) {
		ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> {
			System.err.println("devstack: parent JVM " + parentPid + " is gone, stopping the broker");
			// Runs Kafka's shutdown hook: a clean shutdown, so the next start needs no
			// log recovery.
			System.exit(0);
		}), () -> {
			System.err.println("devstack: parent JVM " + parentPid + " is already gone");
			System.exit(0);
		});
	}

}
