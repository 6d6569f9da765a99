package io.headcount.statsbatch.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.headcount.statsbatch.progress.Progress;

/**
 * An archiver in its own JVM, for a test to kill: {@code <bootstrap> <directory> <group>
 * <file events> <topic>…}; archives until killed.
 */
public final class ArchiveChild {

	private ArchiveChild() {
	}

	/**
	 * The broker, with the shortest session the broker allows: a restarted consumer waits
	 * for its killed predecessor's session to expire before it is given the partitions.
	 */
	static Map<String, Object> kafka(String bootstrap) {
		return Map.of("bootstrap.servers", bootstrap, "session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000);
	}

	public static void main(String[] args) {
		ArchiveSettings settings = new ArchiveSettings(Path.of(args[1]), List.of(args).subList(4, args.length), args[2],
				Integer.parseInt(args[3]), Duration.ofSeconds(60), 1_000_000, Duration.ofMillis(200));
		new Archiver(kafka(args[0]), settings, Clock.systemUTC(), Progress.of("archive-child")).run(false, () -> false);
	}

}
