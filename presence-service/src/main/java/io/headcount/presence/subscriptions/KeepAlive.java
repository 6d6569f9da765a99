package io.headcount.presence.subscriptions;

import java.time.Duration;

import io.headcount.presence.status.PresenceService;

import org.springframework.web.socket.CloseStatus;

/**
 * One tick of the keep-alive (a {@code PeriodicWorker} runs it twice per d): heartbeats
 * for open connections' devices (batched per shard by the service), pings, and closing
 * those that stopped answering.
 */
final class KeepAlive implements Runnable {

	private final Connections connections;

	private final PresenceService presence;

	private final long silenceLimitNanos;

	/**
	 * @param silenceLimit a connection that answered no ping for this long is gone
	 */
	KeepAlive(Connections connections, PresenceService presence, Duration silenceLimit) {
		this.connections = connections;
		this.presence = presence;
		this.silenceLimitNanos = silenceLimit.toNanos();
	}

	@Override
	public void run() {
		long now = System.nanoTime();
		for (Connection connection : this.connections.all()) {
			if (now - connection.lastSeenNanos() > this.silenceLimitNanos) {
				connection.session().close(CloseStatus.GOING_AWAY.withReason("no pong"));
				continue;
			}
			if (!connection.signedOff()) {
				Failures.quietly(this.presence.heartbeat(connection.userId(), connection.deviceId()));
			}
			connection.session().ping();
		}
	}

}
