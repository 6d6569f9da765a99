package io.headcount.bench.websocket;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.headcount.bench.BenchContext;
import io.headcount.testsupport.ChildProcess;

/**
 * Starts {@link ConnectionHolder} processes (at most 20,000 open files per process here,
 * so a benchmark's connections are spread over several) and waits for their connections.
 */
public final class ConnectionHolders {

	/**
	 * platform's {@code CachingJwtDecoder} TTL (1 min), plus a margin for its scheduler:
	 * how long connections stay idle before a heap is measured, so that the decoded JWTs
	 * of their handshakes (about 1.5 KB each) are gone from it.
	 */
	public static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(65);

	private ConnectionHolders() {
	}

	/**
	 * Starts a holder of {@code count} connections to {@code url}, users
	 * {@code userPrefix + 0 … count - 1}; not awaited (see {@link #awaitOpen}).
	 */
	public static ChildProcess hold(BenchContext context, String name, URI url, int count, String userPrefix) {
		return context.services()
			.startJava(name, ConnectionHolder.class.getName(), List.of("-Xmx1g"),
					List.of(url.toString(), Integer.toString(count), context.jwtSecret(), userPrefix), Map.of());
	}

	/** Waits (5 min at most) for the holder's "open N" line and answers N. */
	public static int awaitOpen(ChildProcess holder) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (Instant.now().isBefore(deadline)) {
			for (String line : Files.readAllLines(holder.log())) {
				if (line.startsWith("open ")) {
					return Integer.parseInt(line.substring(5).trim());
				}
			}
			if (!holder.isAlive()) {
				throw new IllegalStateException("connection holder exited: " + holder.logTail(20));
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("connection holder did not open its connections in 5 minutes");
	}

}
