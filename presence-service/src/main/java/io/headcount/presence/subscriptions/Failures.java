package io.headcount.presence.subscriptions;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the WebSocket side does with a failed presence update: tell the client, or log it.
 */
final class Failures {

	private static final Logger logger = LoggerFactory.getLogger(Failures.class);

	private Failures() {
	}

	/**
	 * Logs a failure of an update no client waits for (the server's own heartbeats,
	 * lingering).
	 */
	static void quietly(CompletableFuture<?> operation) {
		operation.exceptionally((failure) -> {
			logger.warn("Presence update for a WebSocket failed: {}", rootMessage(failure));
			return null;
		});
	}

	static String rootMessage(Throwable failure) {
		Throwable t = failure;
		while (t.getCause() != null) {
			t = t.getCause();
		}
		return String.valueOf(t.getMessage());
	}

}
