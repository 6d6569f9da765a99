package io.headcount.counter.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.TestClockConfiguration.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Changes applied at chosen instants across minute, hour and day boundaries; totals equal
 * their sum.
 */
@CounterIntegrationTest
class SeriesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	@Test
	void totalsEqualTheSumOfAppliedChangesAcrossBucketBoundaries() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		String path = "/v1/objects/" + object + "/counters/clicks";
		// yesterday 23:58:30 .. today 01:00:30 (recent, so minute buckets are within
		// their retention)
		Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
		Map<Instant, Integer> applied = new LinkedHashMap<>();
		applied.put(midnight.minusSeconds(90), 3); // 23:58:30
		applied.put(midnight.minusSeconds(1), 4); // 23:59:59
		applied.put(midnight, 5); // 00:00:00
		applied.put(midnight.plusSeconds(59), 6); // 00:00:59
		applied.put(midnight.plusSeconds(3599), 7); // 00:59:59
		applied.put(midnight.plusSeconds(3600), 8); // 01:00:00
		applied.put(midnight.plusSeconds(3630), 9); // 01:00:30
		applied.forEach((at, delta) -> {
			this.clock.set(at);
			Api.Response r = a.put("alice", path, "{\"action\":\"increment\",\"delta\":" + delta + "}", Map.of());
			assertThat(r.status()).as("%s", r).isEqualTo(200);
		});
		this.clock.set(midnight.plusSeconds(3631));
		a.put("alice", path, "{\"action\":\"decrement\",\"delta\":2}", Map.of()); // 01:00:31,
																					// -2
		this.clock.reset();

		assertThat(total(a, object, midnight.minusSeconds(3600), midnight.plusSeconds(7200))).isEqualTo(42 - 2);
		assertThat(total(a, object, midnight.minusSeconds(60), midnight.plusSeconds(60))).isEqualTo(4 + 5 + 6);
		assertThat(total(a, object, midnight, midnight.plusSeconds(3600))).isEqualTo(5 + 6 + 7);
		assertThat(total(a, object, midnight.minus(Duration.ofDays(1)), midnight)).isEqualTo(3 + 4);
		assertThat(total(a, object, midnight.minusSeconds(90), midnight.plusSeconds(3660))).isEqualTo(40);
		assertThat(total(a, object, midnight.plusSeconds(3600), midnight.plusSeconds(3660))).isEqualTo(8 + 9 - 2);
		// both ends are rounded down to the minute: [01:00:00, 01:00:59) is an empty
		// range of minutes
		assertThat(total(a, object, midnight.plusSeconds(3600), midnight.plusSeconds(3659))).isZero();

		JsonNode minutes = series(a, object, midnight.minusSeconds(120), midnight.plusSeconds(120), "minute");
		assertThat(minutes.path("points")).hasSize(4);
		assertThat(minutes.path("points").path(0).path("count").asLong()).isEqualTo(3);
		assertThat(minutes.path("points").path(1).path("count").asLong()).isEqualTo(4);
		assertThat(minutes.path("points").path(2).path("count").asLong()).isEqualTo(11);
		assertThat(minutes.path("points").path(3).path("count").asLong()).isZero();

		JsonNode hours = series(a, object, midnight.minusSeconds(3600), midnight.plusSeconds(7200), "hour");
		assertThat(hours.path("points")).extracting((p) -> p.path("count").asLong()).containsExactly(7L, 18L, 15L);
		JsonNode days = series(a, object, midnight.minus(Duration.ofDays(1)), midnight.plus(Duration.ofDays(1)), "day");
		assertThat(days.path("points")).extracting((p) -> p.path("count").asLong()).containsExactly(7L, 33L);
		assertThat(days.path("total").asLong()).isEqualTo(40);

		// the live counter agrees with the buckets
		assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(40);
	}

	@Test
	void likesAndViewsHaveSeriesToo() {
		Api a = new Api(this.port);
		String object = "post-" + UUID.randomUUID();
		a.put("alice", "/v1/objects/" + object + "/likes/me");
		a.put("bob", "/v1/objects/" + object + "/likes/me");
		a.delete("alice", "/v1/objects/" + object + "/likes/me");
		a.post("alice", "/v1/objects/" + object + "/views", Map.of());
		Instant now = Instant.now();
		assertThat(total(a, object, "likes", now.minusSeconds(3600), now.plusSeconds(120))).isEqualTo(1);
		assertThat(total(a, object, "views", now.minusSeconds(3600), now.plusSeconds(120))).isEqualTo(1);
	}

	private static long total(Api a, String object, Instant from, Instant to) {
		return total(a, object, "clicks", from, to);
	}

	private static long total(Api a, String object, String counter, Instant from, Instant to) {
		Api.Response r = a.get("alice",
				"/v1/objects/" + object + "/counters/" + counter + "/total?from=" + from + "&to=" + to);
		assertThat(r.status()).as("%s", r).isEqualTo(200);
		return r.json().path("total").asLong();
	}

	private static JsonNode series(Api a, String object, Instant from, Instant to, String step) {
		Api.Response r = a.get("alice",
				"/v1/objects/" + object + "/counters/clicks/series?from=" + from + "&to=" + to + "&step=" + step);
		assertThat(r.status()).as("%s", r).isEqualTo(200);
		return r.json();
	}

}
