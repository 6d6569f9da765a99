package io.headcount.waitingroom.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.headcount.devstack.DevStack;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Per-second metrics of a room in the real InfluxDB: queue size, active shoppers and the
 * EWT of the last in line (fleet gauges), and the rates of admissions, evictions by
 * reason and 429s.
 */
@RoomsIntegrationTest
class RoomMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aRoomsFiguresAndRatesReachInfluxEverySecond() {
		String room = Fixtures.roomId("metrics");
		RoomClient.admin(this.port).putRoom(room, 2, 3, 600, 2).expect(200);
		for (int i = 0; i < 5; i++) {
			RoomClient.user(this.port, room + "-" + i).join(room).expect(200);
		}
		assertThat(RoomClient.user(this.port, room + "-late").join(room).status()).isEqualTo(429);
		String where = " WHERE \"service\"='waiting-room-service' AND \"room\"='" + room + "' AND time > now() - 5s";
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(last("headcount_waitingroom_queue_size", where)).isEqualTo(3);
			assertThat(last("headcount_waitingroom_active", where)).isEqualTo(2);
			assertThat(last("headcount_waitingroom_ewt_last_latest", where)).isBetween(1190.0, 1203.0);
			assertThat(last("headcount_waitingroom_ewt_last_expected", where)).isPositive();
			assertThat(sum("headcount_waitingroom_admissions", where.replace("5s", "60s"))).isEqualTo(2);
			assertThat(sum("headcount_waitingroom_rejections", where.replace("5s", "60s"))).isEqualTo(1);
		});
		// nobody heartbeats: all five are evicted as idle within the 2 s timeout and a
		// round
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String reason = where.replace("5s", "60s") + " AND \"reason\"='idle'";
			assertThat(sum("headcount_waitingroom_evictions", reason)).isGreaterThanOrEqualTo(5);
			assertThat(last("headcount_waitingroom_queue_size", where)).isZero();
		});
	}

	private static double last(String measurement, String where) {
		JsonNode series = series("SELECT last(\"value\") FROM \"" + measurement + "\"" + where);
		assertThat(series.isArray()).as("%s: %s", measurement, series).isTrue();
		return series.path(0).path("values").path(0).path(1).asDouble();
	}

	/** The sum over the window of a counter's per-step counts. */
	private static double sum(String measurement, String where) {
		JsonNode series = series("SELECT sum(\"value\") FROM \"" + measurement + "\"" + where);
		assertThat(series.isArray()).as("%s: %s", measurement, series).isTrue();
		return series.path(0).path("values").path(0).path(1).asDouble();
	}

	private static JsonNode series(String influxQl) {
		return RoomClient.json.readTree(DevStack.shared().influxQuery(influxQl)).path("results").path(0).path("series");
	}

}
