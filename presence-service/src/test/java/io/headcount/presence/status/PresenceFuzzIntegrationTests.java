package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
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
 * presence-service on the real devstack (issue 10 item 8): 10,000 HTTP cases on every
 * endpoint and actuator, 2,000 connections to {@code /ws/presence}. No 5xx, every 4xx a
 * problem detail in the project's words, a refused write leaves its user's last-active
 * time as it was, and every close has a documented code. Each worker has a user of its
 * own.
 */
@PresenceIntegrationTest
class PresenceFuzzIntegrationTests {

	static final int HTTP_CASES = 10_000;

	static final int WEBSOCKET_CASES = 2_000;

	static final int WORKERS = 4;

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void hostileRequestsAndFramesGetDocumentedRefusalsAndChangeNothing() {
		Outcome http = HostileHttp.run("presence-service HTTP", this.port, HTTP_CASES, WORKERS, this::lane);
		System.out.println(http.report());
		Outcome frames = HostileFrames.run("presence-service /ws/presence", WEBSOCKET_CASES, WORKERS, this::socket);
		System.out.println(frames.report());
		Outcome all = http.plus(frames);
		System.out.println(all.report());
		assertThat(all.violations()).isEmpty();
		assertThat(all.answered()).isEqualTo(HTTP_CASES + WEBSOCKET_CASES);
	}

	private HostileHttp.Lane lane(int worker) {
		String user = Fixtures.user("fuzzer-" + this.run + "-" + worker);
		PresenceClient client = new PresenceClient(this.port, user);
		List<Endpoint> endpoints = List.of(new Endpoint("PUT", "/v1/presence/me", "{\"status\":\"online\"}"),
				new Endpoint("PUT", "/v1/presence/me", "{\"status\":\"away\",\"deviceId\":\"d1\"}"),
				new Endpoint("PUT", "/v1/presence/me", "{\"status\":\"offline\",\"deviceId\":\"d1\"}"),
				new Endpoint("PUT", "/users/presence", "{\"user_id\":\"" + user + "\",\"presence\":\"away\"}"),
				new Endpoint("POST", "/v1/presence/me/heartbeat", ""),
				new Endpoint("POST", "/v1/presence/me/heartbeat?deviceId=d1", ""), Endpoint.get("/v1/presence/me"),
				Endpoint.get("/v1/presence?userIds=" + user + ",other"), Endpoint.get("/actuator/health"),
				Endpoint.get("/actuator/health/liveness"), Endpoint.get("/actuator/info"),
				Endpoint.get("/actuator/metrics"), Endpoint.get("/ws/presence"), Endpoint.get("/presence.html"),
				Endpoint.get("/v3/api-docs"), Endpoint.get("/error"), Endpoint.get("/"));
		return new HostileHttp.Lane(endpoints, HostileHttp.authorizations(Fixtures.SECRET, user, "admin"),
				() -> lastActive(client));
	}

	/**
	 * The user's last-active time: every applied write moves it, and a device timing out
	 * (2 s in these tests) does not, unlike the status.
	 */
	private String lastActive(PresenceClient client) {
		RawHttp.Response me = RawHttp.send(this.port, "GET", "/v1/presence/me",
				Map.of("Authorization", "Bearer " + client.token()), "");
		assertThat(me.status()).as("%s", me).isEqualTo(200);
		return PresenceClient.json.readTree(me.body()).path("lastActiveAt").asString();
	}

	private HostileFrames.Socket socket(int worker) {
		String user = Fixtures.user("ws-fuzzer-" + this.run + "-" + worker);
		String token = Tokens.mint(Fixtures.SECRET, user, Duration.ofHours(1));
		List<String> frames = List.of("{\"type\":\"subscribe\",\"id\":\"s1\",\"userIds\":[\"a\",\"b\"]}",
				"{\"type\":\"unsubscribe\",\"id\":\"u1\",\"userIds\":[\"a\"]}",
				"{\"type\":\"heartbeat\",\"id\":\"h1\"}", "{\"type\":\"status\",\"id\":\"st\",\"status\":\"away\"}");
		List<String> queries = List.of("deviceId=dev-1", "deviceId=bad!id", "deviceId=" + "d".repeat(200), "deviceId=",
				"access_token=" + token, "access_token=" + token + "&deviceId=dev-2", "access_token=x.y.z",
				"access_token=" + Tokens.mint(Fixtures.SECRET, user, Duration.ofMinutes(-5)) + "&deviceId=dev-3");
		return new HostileFrames.Socket(URI.create("ws://127.0.0.1:" + this.port + "/ws/presence"), frames,
				HostileHttp.authorizations(Fixtures.SECRET, user), queries);
	}

}
