package io.headcount.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.testsupport.HostileFrames;
import io.headcount.testsupport.HostileHttp;
import io.headcount.testsupport.HostileHttp.Endpoint;
import io.headcount.testsupport.HostileHttp.Outcome;
import io.headcount.testsupport.RawHttp;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Generated hostile requests and WebSocket connections against the running
 * counter-service on the real devstack (issue 10 item 8): 10,000 HTTP cases on every
 * endpoint (fast-lane routes included) and actuator, 2,000 connections to
 * {@code /ws/counters}. No 5xx, every 4xx a problem detail in the project's words, a
 * refused write leaves its object's counts as they were, and every close has a documented
 * code. Each worker has its own user and object, so that the state it reads back is
 * changed by its own requests only.
 */
@CounterIntegrationTest
class CounterFuzzIntegrationTests {

	static final int HTTP_CASES = 10_000;

	static final int WEBSOCKET_CASES = 2_000;

	static final int WORKERS = 4;

	private static final String INCREMENT = "{\"action\":\"increment\",\"delta\":1}";

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	/** The range of the statistics read back: fixed, so that the state stays put. */
	private final Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));

	private final Instant to = this.from.plus(Duration.ofDays(3));

	@Test
	void hostileRequestsAndFramesGetDocumentedRefusalsAndChangeNothing() {
		Outcome http = HostileHttp.run("counter-service HTTP", this.port, HTTP_CASES, WORKERS, this::lane);
		System.out.println(http.report());
		Outcome frames = HostileFrames.run("counter-service /ws/counters", WEBSOCKET_CASES, WORKERS, this::socket);
		System.out.println(frames.report());
		Outcome all = http.plus(frames);
		System.out.println(all.report());
		assertThat(all.violations()).isEmpty();
		assertThat(all.answered()).isEqualTo(HTTP_CASES + WEBSOCKET_CASES);
	}

	private HostileHttp.Lane lane(int worker) {
		String user = user(worker);
		String object = object(worker);
		String base = "/v1/objects/" + object;
		List<Endpoint> endpoints = List.of(new Endpoint("PUT", base + "/likes/me", ""),
				new Endpoint("DELETE", base + "/likes/me", ""), Endpoint.get(base + "/likes/me"),
				new Endpoint("POST", base + "/views", ""), Endpoint.get(base + "/views"),
				new Endpoint("PUT", base + "/counters/shares", INCREMENT),
				new Endpoint("PUT", base + "/counters/clicks", "{\"action\":\"decrement\",\"delta\":1}"),
				Endpoint.get(base + "/counters/shares"), Endpoint.get(base + "/counters/likes"),
				Endpoint.get("/v1/objects?ids=" + object + ",other"),
				Endpoint
					.get(base + "/counters/views/series?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&step=hour"),
				Endpoint.get(base + "/counters/views/total?from=2016-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"),
				new Endpoint("POST", base + "/events", "{\"type\":\"visit\",\"value\":2.5}"),
				new Endpoint("POST", base + "/events",
						"{\"events\":[{\"type\":\"visit\"},{\"type\":\"visit\",\"value\":-1.25,\"idempotencyKey\":\"k-1\"}]}"),
				Endpoint.get(
						base + "/stats/visit?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&step=hour&fn=count,avg"),
				Endpoint.get(base + "/stats/visit?from=2016-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&step=day"),
				Endpoint.get("/actuator/health"), Endpoint.get("/actuator/health/readiness"),
				Endpoint.get("/actuator/info"), Endpoint.get("/actuator/metrics"),
				Endpoint.get("/actuator/metrics/http.server.requests"), Endpoint.get("/ws/counters"),
				Endpoint.get("/v3/api-docs"), Endpoint.get("/error"), Endpoint.get("/"));
		return new HostileHttp.Lane(endpoints, HostileHttp.authorizations(Api.SECRET, user, "admin"),
				() -> state(user, object));
	}

	/**
	 * The object's counts, versions and change times, and its visit statistics of the
	 * last and the next day, read the plain way.
	 */
	private String state(String user, String object) {
		RawHttp.Response counts = RawHttp.send(this.port, "GET", "/v1/objects?ids=" + object,
				Map.of("Authorization", "Bearer " + Api.token(user)), "");
		assertThat(counts.status()).as("%s", counts).isEqualTo(200);
		RawHttp.Response stats = RawHttp.send(this.port, "GET",
				"/v1/objects/" + object + "/stats/visit?from=" + this.from + "&to=" + this.to + "&step=day",
				Map.of("Authorization", "Bearer " + Api.token(user)), "");
		assertThat(stats.status()).as("%s", stats).isEqualTo(200);
		return counts.body() + " " + Api.JSON.readTree(stats.body()).path("total");
	}

	private HostileFrames.Socket socket(int worker) {
		String user = "ws-" + user(worker);
		String token = Api.token(user);
		String object = object(worker);
		List<String> frames = List.of("{\"type\":\"subscribe\",\"objects\":[\"" + object + "\"]}",
				"{\"type\":\"unsubscribe\",\"objects\":[\"" + object + "\"]}",
				"{\"type\":\"subscribe\",\"objects\":[\"a\",\"b\",\"" + object + "\"]}");
		List<String> queries = List.of("access_token=" + token, "access_token=x.y.z", "access_token=",
				"access_token=" + Tokens.mint(Api.SECRET, user, java.time.Duration.ofMinutes(-5)),
				"access_token=" + token + "&access_token=" + token, "x=1");
		return new HostileFrames.Socket(java.net.URI.create("ws://127.0.0.1:" + this.port + "/ws/counters"), frames,
				HostileHttp.authorizations(Api.SECRET, user), queries);
	}

	private String user(int worker) {
		return "fuzzer-" + this.run + "-" + worker;
	}

	private String object(int worker) {
		return "fuzz-" + this.run + "-" + worker;
	}

}
