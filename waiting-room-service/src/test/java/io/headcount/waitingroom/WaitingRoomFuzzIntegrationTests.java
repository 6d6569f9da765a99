package io.headcount.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.testsupport.HostileFrames;
import io.headcount.testsupport.HostileHttp;
import io.headcount.testsupport.HostileHttp.Endpoint;
import io.headcount.testsupport.HostileHttp.Outcome;
import io.headcount.testsupport.Tokens;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Generated hostile requests and WebSocket connections against the running
 * waiting-room-service on the real devstack: 10,000 HTTP cases on every endpoint, 1,000
 * connections to {@code /ws/rooms/{roomId}}. No 5xx, every 4xx a problem detail in the
 * project's words, and a refused write leaves its worker's room configuration and place
 * as they were. Each worker has a room and a user of its own.
 */
@RoomsIntegrationTest
class WaitingRoomFuzzIntegrationTests {

	static final int HTTP_CASES = 10_000;

	static final int WEBSOCKET_CASES = 1_000;

	static final int WORKERS = 4;

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void hostileRequestsAndFramesGetDocumentedRefusalsAndChangeNothing() {
		Outcome http = HostileHttp.run("waiting-room-service HTTP", this.port, HTTP_CASES, WORKERS, this::lane);
		System.out.println(http.report());
		Outcome frames = HostileFrames.run("waiting-room-service /ws/rooms/{roomId}", WEBSOCKET_CASES, WORKERS,
				this::socket);
		System.out.println(frames.report());
		Outcome all = http.plus(frames);
		assertThat(all.violations()).isEmpty();
		assertThat(all.answered()).isEqualTo(HTTP_CASES + WEBSOCKET_CASES);
	}

	private String room(int worker) {
		return "fuzz-" + this.run + "-" + worker;
	}

	private HostileHttp.Lane lane(int worker) {
		String room = room(worker);
		String user = "fuzzer-" + this.run + "-" + worker;
		RoomClient admin = RoomClient.admin(this.port);
		String settings = "{\"activeCapacity\":1,\"queueCapacity\":50,\"maxShoppingSeconds\":3600,"
				+ "\"heartbeatTimeoutSeconds\":3600,\"webshopUrl\":\"https://shop.example/" + room + "\"}";
		admin.send("PUT", "/v1/rooms/" + room, settings).expect(200);
		RoomClient.user(this.port, user + "-first").join(room).expect(200);
		String base = "/v1/rooms/" + room;
		List<Endpoint> endpoints = List.of(new Endpoint("PUT", base, settings), Endpoint.get(base),
				Endpoint.get("/v1/rooms"), new Endpoint("POST", base + "/entries", ""),
				Endpoint.get(base + "/entries/me"), new Endpoint("POST", base + "/entries/me/heartbeat", ""),
				new Endpoint("DELETE", base + "/entries/me", ""), new Endpoint("POST", base + "/sold-out", ""),
				new Endpoint("POST", "/users/" + user + "/webshop?access=true", ""),
				Endpoint.get("/users/" + user + "/actuator/health"), Endpoint.get("/.well-known/jwks.json"),
				new Endpoint("POST", "/v1/admission-tokens/verify",
						"{\"token\":\"a.b.c\",\"roomId\":\"" + room + "\"}"),
				Endpoint.get("/waiting-room.html"), Endpoint.get("/ws/rooms/" + room), Endpoint.get("/actuator/health"),
				Endpoint.get("/v3/api-docs"), Endpoint.get("/error"), Endpoint.get("/"));
		RoomClient self = RoomClient.user(this.port, user);
		return new HostileHttp.Lane(endpoints, HostileHttp.authorizations(Fixtures.secret(), user, "admin"),
				() -> state(admin, self, room));
	}

	/**
	 * The room's configuration and the worker user's place: a refused write changes
	 * neither.
	 */
	private static String state(RoomClient admin, RoomClient user, String room) {
		JsonNode config = admin.room(room).expect(200).body();
		((tools.jackson.databind.node.ObjectNode) config).remove("live");
		JsonNode place = user.place(room).expect(200).body();
		return config + " | " + place.path("state").asString() + "@" + place.path("position").asLong();
	}

	private HostileFrames.Socket socket(int worker) {
		String room = room(worker);
		String user = "ws-fuzzer-" + this.run + "-" + worker;
		String token = Tokens.mint(Fixtures.secret(), user, Duration.ofHours(1));
		RoomClient.admin(this.port)
			.putRoom(room + "-ws",
					Map.of("activeCapacity", 1, "maxShoppingSeconds", 60, "webshopUrl", "https://shop.example/x"))
			.expect(200);
		List<String> frames = List.of("{\"type\":\"heartbeat\"}", "{\"type\":\"join\"}", "{}");
		List<String> queries = List.of("access_token=" + token, "access_token=x.y.z",
				"access_token=" + Tokens.mint(Fixtures.secret(), user, Duration.ofMinutes(-5)));
		return new HostileFrames.Socket(URI.create("ws://127.0.0.1:" + this.port + "/ws/rooms/" + room + "-ws"), frames,
				HostileHttp.authorizations(Fixtures.secret(), user), queries);
	}

}
