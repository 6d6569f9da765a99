package io.headcount.presence.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.headcount.devstack.DevStack;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.SecondInstance;
import io.headcount.presence.support.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Per-second metrics in the real InfluxDB, with two instances running: online users
 * reported once for the fleet (by one instance), transitions per second and open
 * WebSockets per instance.
 */
@PresenceIntegrationTest
class PresenceMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void onlineUsersFleetWideTransitionsPerSecondAndOpenWebSocketsPerInstanceReachInflux() {
		List<TestSocket> sockets = new ArrayList<>();
		try (SecondInstance second = SecondInstance.start()) {
			for (int i = 0; i < 3; i++) {
				sockets.add(new PresenceClient(this.port, Fixtures.user("metrics-a" + i)).connect());
				sockets.add(new PresenceClient(second.port(), Fixtures.user("metrics-b" + i)).connect());
			}
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode online = series(query("SELECT last(\"value\") FROM \"headcount_presence_online_users\""
						+ " WHERE \"service\"='presence-service' AND time > now() - 5s"));
				assertThat(online.path(0).path("values").path(0).path(1).asDouble())
					.as("online users %s; measurements %s", online,
							query("SHOW MEASUREMENTS WITH MEASUREMENT =~ /presence|fleet/"))
					.isGreaterThanOrEqualTo(6);

				JsonNode reporters = series(query("SELECT count(\"value\") FROM \"headcount_presence_online_users\""
						+ " WHERE \"service\"='presence-service' AND time > now() - 5s GROUP BY \"instance\""));
				assertThat(reporters.size()).as("instances reporting online users: %s", reporters).isEqualTo(1);

				JsonNode transitions = series(query("SELECT sum(\"value\") FROM \"headcount_presence_transitions\""
						+ " WHERE \"service\"='presence-service' AND time > now() - 30s GROUP BY \"instance\""));
				assertThat(transitions.size()).as("instances counting transitions: %s", transitions)
					.isGreaterThanOrEqualTo(2);

				JsonNode sockets2 = series(query("SELECT last(\"value\") FROM \"headcount_websocket_sessions\""
						+ " WHERE \"service\"='presence-service' AND time > now() - 5s GROUP BY \"instance\""));
				assertThat(sockets2.size()).as("instances reporting WebSockets: %s", sockets2)
					.isGreaterThanOrEqualTo(2);
				for (JsonNode instance : sockets2) {
					assertThat(instance.path("values").path(0).path(1).asDouble()).isGreaterThanOrEqualTo(3);
				}
				JsonNode presenceSockets = series(
						query("SELECT last(\"value\") FROM \"headcount_presence_websocket_connections\""
								+ " WHERE \"service\"='presence-service' AND time > now() - 5s GROUP BY \"instance\""));
				assertThat(presenceSockets.size()).as("instances reporting presence WebSockets: %s", presenceSockets)
					.isGreaterThanOrEqualTo(2);
			});
		}
		finally {
			sockets.forEach(TestSocket::close);
		}
	}

	private static JsonNode query(String influxQl) {
		return PresenceClient.json.readTree(DevStack.shared().influxQuery(influxQl));
	}

	private static JsonNode series(JsonNode result) {
		return result.path("results").path(0).path("series");
	}

}
