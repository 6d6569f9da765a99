package io.headcount.presence.subscriptions;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * This instance's open /ws/presence connections, by session id, and how many are open per
 * user and device: only the last one of a device to close lets the device linger.
 */
final class Connections {

	private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

	private final Map<String, Integer> perDevice = new ConcurrentHashMap<>();

	void opened(String sessionId, Connection connection) {
		this.bySession.put(sessionId, connection);
		this.perDevice.merge(deviceKey(connection), 1, Integer::sum);
	}

	/**
	 * @return the connection, or {@code null} if it was never registered
	 */
	@Nullable Connection get(String sessionId) {
		return this.bySession.get(sessionId);
	}

	/**
	 * Forgets a closed connection.
	 * @return what closed, or {@code null} if it was never registered
	 */
	@Nullable Closed closed(String sessionId) {
		Connection connection = this.bySession.remove(sessionId);
		if (connection == null) {
			return null;
		}
		boolean last = this.perDevice.computeIfPresent(deviceKey(connection),
				(key, open) -> (open > 1) ? open - 1 : null) == null;
		return new Closed(connection, last);
	}

	Collection<Connection> all() {
		return this.bySession.values();
	}

	int count() {
		return this.bySession.size();
	}

	private static String deviceKey(Connection connection) {
		return connection.deviceId() + '|' + connection.userId();
	}

	/**
	 * @param lastOfDevice no other connection of this user and device is open on this
	 * instance
	 */
	record Closed(Connection connection, boolean lastOfDevice) {
	}

}
