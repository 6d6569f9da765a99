package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
 * time as it was (and a refused visitors call counts nothing), and every close has a
 * documented code. Each worker has a user and a site of its own.
 */
@PresenceIntegrationTest
class PresenceFuzzIntegrationTests {

	static final int HTTP_CASES = 10_000;

	static final int WEBSOCKET_CASES = 2_000;

	static final int VISITORS_WEBSOCKET_CASES = 500;

	static final int WORKERS = 4;

	private static final String ADMIN = Tokens.mint(Fixtures.SECRET, "fuzz-admin", Duration.ofHours(2), "admin");

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void hostileRequestsAndFramesGetDocumentedRefusalsAndChangeNothing() {
		Outcome http = HostileHttp.run("presence-service HTTP", this.port, HTTP_CASES, WORKERS, this::lane);
		System.out.println(http.report());
		Outcome frames = HostileFrames.run("presence-service /ws/presence", WEBSOCKET_CASES, WORKERS, this::socket);
		System.out.println(frames.report());
		Outcome watchers = HostileFrames.run("presence-service /ws/sites/{siteId}/visitors", VISITORS_WEBSOCKET_CASES,
				WORKERS, this::visitorsSocket);
		System.out.println(watchers.report());
		Outcome all = http.plus(frames).plus(watchers);
		System.out.println(all.report());
		assertThat(all.violations()).isEmpty();
		assertThat(all.answered()).isEqualTo(HTTP_CASES + WEBSOCKET_CASES + VISITORS_WEBSOCKET_CASES);
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
		List<Endpoint> all = new ArrayList<>(endpoints);
		// site visitors (issue 13 item 9): a site whose sessions do not time out during
		// the
		// run, one live session of it, and another site to configure (an accepted PUT of
		// a
		// changed body must not change the counted site's timeout)
		String site = "fuzz-" + this.run + "-" + worker;
		String configured = site + "-config";
		String settings = "{\"allowedOrigins\":[\"https://shop.example\"],\"heartbeatSeconds\":60,"
				+ "\"sessionTimeoutSeconds\":3600,\"inactivitySeconds\":600}";
		putSite(site, settings);
		String session = openSession(site);
		String sessions = "/v1/sites/" + site + "/sessions";
		all.addAll(List.of(new Endpoint("PUT", "/v1/sites/" + configured, settings),
				Endpoint.get("/v1/sites/" + configured), new Endpoint("POST", sessions, ""),
				new Endpoint("POST", sessions + "?object=post-1", ""),
				new Endpoint("POST", sessions + "/" + session + "/heartbeat", ""),
				new Endpoint("POST", sessions + "/" + session + "/heartbeat?object=post-2", ""),
				new Endpoint("POST", sessions + "/" + session + "/close", "bye"),
				new Endpoint("DELETE", sessions + "/" + session, ""),
				new Endpoint("POST", "/v1/sites/unknown-" + this.run + "/sessions", ""),
				Endpoint.get("/v1/sites/" + site + "/visitors?object=post-1&top=3"),
				Endpoint.get("/ws/sites/" + site + "/visitors"), Endpoint.get("/headcount-visitors.js")));
		return new HostileHttp.Lane(all, HostileHttp.authorizations(Fixtures.SECRET, user, "admin"),
				() -> lastActive(client) + " | " + visitors(site));
	}

	private void putSite(String site, String settings) {
		RawHttp.Response put = RawHttp.send(this.port, "PUT", "/v1/sites/" + site,
				Map.of("Authorization", "Bearer " + ADMIN, "Content-Type", "application/json"), settings);
		assertThat(put.status()).as("%s", put).isEqualTo(200);
	}

	private String openSession(String site) {
		RawHttp.Response opened = RawHttp.send(this.port, "POST", "/v1/sites/" + site + "/sessions", Map.of(), "");
		assertThat(opened.status()).as("%s", opened).isEqualTo(201);
		return PresenceClient.json.readTree(opened.body()).path("sessionId").asString();
	}

	/** The site's live sessions: a refused session call counts nothing. */
	private String visitors(String site) {
		RawHttp.Response count = RawHttp.send(this.port, "GET", "/v1/sites/" + site + "/visitors?top=0",
				Map.of("Authorization", "Bearer " + ADMIN), "");
		assertThat(count.status()).as("%s", count).isEqualTo(200);
		return PresenceClient.json.readTree(count.body()).path("concurrent").asString();
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

	/** Watchers of a worker's site: the admin's token is among the generated ones. */
	private HostileFrames.Socket visitorsSocket(int worker) {
		String site = "fuzz-" + this.run + "-" + worker;
		putSite(site, "{\"allowedOrigins\":[],\"heartbeatSeconds\":60,\"sessionTimeoutSeconds\":3600,"
				+ "\"inactivitySeconds\":600}");
		List<String> frames = List.of("{\"type\":\"watch\",\"object\":\"post-1\"}",
				"{\"type\":\"watch\",\"object\":null}", "{\"type\":\"watch\"}",
				"{\"type\":\"watch\",\"object\":\"bad object\"}");
		List<String> queries = List.of("object=post-1", "object=bad%20object", "object=", "access_token=" + ADMIN,
				"access_token=" + ADMIN + "&object=post-2", "access_token=x.y.z");
		return new HostileFrames.Socket(URI.create("ws://127.0.0.1:" + this.port + "/ws/sites/" + site + "/visitors"),
				frames, HostileHttp.authorizations(Fixtures.SECRET, "fuzz-watcher-" + worker, "admin"), queries);
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
