package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.headcount.devstack.DevStack;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.SecondInstance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 item 7 in the real InfluxDB with two instances running: each second one point
 * of {@code headcount.visitors.concurrent} per site, from one instance only, equal to the
 * true count (sessions opened on both instances; some closed).
 */
@PresenceIntegrationTest
class VisitorsMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theFleetReportsEachSitesConcurrentVisitorsOnceAndRight() {
		String siteId = Sessions.site(this.port, "gauge", 60, 3600);
		try (SecondInstance second = SecondInstance.start()) {
			List<String> sessions = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				sessions.add(Sessions.open(this.port, siteId));
				sessions.add(Sessions.open(second.port(), siteId));
			}
			Sessions.delete(second.port(), siteId, sessions.get(0));
			Sessions.beacon(this.port, siteId, sessions.get(1));
			long truth = Sessions.concurrent(this.port, siteId);
			assertThat(truth).isEqualTo(12);
			String where = " WHERE \"service\"='presence-service' AND \"site\"='" + siteId + "' AND time > now() - 4s";
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode last = series(query("SELECT last(\"value\") FROM \"headcount_visitors_concurrent\"" + where));
				assertThat(last.path(0).path("values").path(0).path(1).asDouble())
					.as("%s; measurements %s", last, query("SHOW MEASUREMENTS WITH MEASUREMENT =~ /visitors/"))
					.isEqualTo(truth);
				JsonNode reporters = series(query("SELECT count(\"value\") FROM \"headcount_visitors_concurrent\""
						+ where + " GROUP BY \"instance\""));
				assertThat(reporters.size()).as("instances reporting: %s", reporters).isEqualTo(1);
				JsonNode points = series(
						query("SELECT count(\"value\") FROM \"headcount_visitors_concurrent\"" + where));
				assertThat(points.path(0).path("values").path(0).path(1).asLong()).as("points in 4 s: %s", points)
					.isBetween(3L, 5L);
			});
		}
	}

	private static JsonNode query(String influxQl) {
		return PresenceClient.json.readTree(DevStack.shared().influxQuery(influxQl));
	}

	private static JsonNode series(JsonNode result) {
		return result.path("results").path(0).path("series");
	}

}
