package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The per-second figures reach the real InfluxDB, tagged by counter kind and never by
 * object.
 */
@CounterIntegrationTest
class CounterMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void appliedChangesHotObjectsAndNearCacheHitRatioReachInflux() throws Exception {
		Api a = new Api(this.port);
		String object = "metrics-" + UUID.randomUUID();
		a.put("alice", "/v1/objects/" + object + "/likes/me");
		a.put("alice", "/v1/objects/" + object + "/counters/shares", "{\"action\":\"increment\"}", Map.of());
		a.send("alice", "POST", "/v1/objects/" + object + "/events",
				"{\"events\":[{\"type\":\"visit\"},{\"type\":\"render-ms\",\"value\":3}]}", Map.of());
		try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				work.add(pool.submit(() -> a.post("alice", "/v1/objects/" + object + "/views", Map.of())));
				work.add(pool.submit(() -> a.get("alice", "/v1/objects/" + object + "/counters/views")));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(sum("headcount_counter_changes", "counter", "likes")).as("likes").isGreaterThanOrEqualTo(1);
			assertThat(sum("headcount_counter_changes", "counter", "generic")).as("generic").isGreaterThanOrEqualTo(1);
			assertThat(sum("headcount_counter_changes", "counter", "events")).as("events").isGreaterThanOrEqualTo(2);
			assertThat(sum("headcount_counter_changes", "counter", "views")).as("views").isGreaterThanOrEqualTo(2000);
			assertThat(max("headcount_counter_hot_objects")).as("hot objects").isGreaterThanOrEqualTo(1);
			assertThat(max("headcount_counter_nearcache_hit_ratio")).as("hit ratio").isGreaterThan(0.5);
		});
		JsonNode tags = query("SHOW TAG KEYS FROM \"headcount_counter_changes\"");
		List<String> keys = new ArrayList<>();
		tags.path("results")
			.path(0)
			.path("series")
			.path(0)
			.path("values")
			.forEach((v) -> keys.add(v.path(0).asString()));
		assertThat(keys).contains("counter", "instance", "service")
			.noneMatch((k) -> k.toLowerCase().contains("object"));
	}

	private static double sum(String measurement, String tag, String value) {
		return value(query("SELECT sum(\"value\") FROM \"" + measurement + "\" WHERE \"" + tag + "\"='" + value
				+ "' AND \"service\"='counter-service' AND time > now() - 5m"));
	}

	private static double max(String measurement) {
		return value(query("SELECT max(\"value\") FROM \"" + measurement
				+ "\" WHERE \"service\"='counter-service' AND time > now() - 5m"));
	}

	private static double value(JsonNode result) {
		JsonNode v = result.path("results").path(0).path("series").path(0).path("values").path(0).path(1);
		return v.isNumber() ? v.asDouble() : 0;
	}

	private static JsonNode query(String influxQl) {
		return Api.JSON.readTree(DevStack.shared().influxQuery(influxQl));
	}

}
