package io.headcount.waitingroom.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.headcount.testsupport.JsonWebSocket;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/** /ws/rooms/{roomId}: the place, the EWT and the admission pushed live. */
@RoomsIntegrationTest
class RoomWebSocketIntegrationTests {

	@LocalServerPort
	int port;

	JsonWebSocket connect(RoomClient user, String room) {
		return JsonWebSocket.to("ws://127.0.0.1:" + this.port + "/ws/rooms/" + room).accessToken(user.token()).open();
	}

	@Test
	void theNextInLineHearsTheAdmissionWithTokenAndRedirectWithinOneAndAHalfSeconds() {
		String room = Fixtures.roomId("ws");
		RoomClient.admin(this.port).putRoom(room, 1, 100, 600, 30).expect(200);
		RoomClient first = RoomClient.user(this.port, room + "-first");
		RoomClient next = RoomClient.user(this.port, room + "-next");
		first.join(room).expect(200);
		next.join(room).expect(200);
		try (JsonWebSocket socket = connect(next, room)) {
			JsonNode waiting = socket.awaitFrame(JsonWebSocket.type("place"), Duration.ofSeconds(5));
			assertThat(waiting.path("state").asString()).isEqualTo("WAITING");
			assertThat(waiting.path("position").asLong()).isEqualTo(1);
			assertThat(waiting.path("ewt").path("latestSeconds").asLong()).isBetween(598L, 602L);
			long left = System.nanoTime();
			first.leave(room);
			JsonNode admitted = socket.awaitFrame((frame) -> "ACTIVE".equals(frame.path("state").asString()),
					Duration.ofMillis(1500));
			long millis = (System.nanoTime() - left) / 1_000_000;
			System.out.printf("leave -> admission frame on the next in line's WebSocket: %d ms%n", millis);
			String token = admitted.path("admissionToken").asString();
			assertThat(admitted.path("redirectUrl").asString()).contains("admission_token=");
			JsonNode verified = RoomClient.user(this.port, "webshop")
				.send("POST", "/v1/admission-tokens/verify",
						RoomClient.json.writeValueAsString(Map.of("token", token, "roomId", room)))
				.expect(200)
				.body();
			assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
			assertThat(verified.path("userId").asString()).isEqualTo(room + "-next");
			assertThat(verified.path("roomId").asString()).isEqualTo(room);
			// a webshop with a JWT library verifies it with the published keys
			JsonNode keys = RoomClient.user(this.port, "webshop")
				.send("GET", "/.well-known/jwks.json", null)
				.expect(200)
				.body()
				.path("keys");
			assertThat(keys.path(0).path("kid").asString()).isEqualTo("test-key-1");
			assertThat(keys.path(0).has("d")).as("private part published: %s", keys).isFalse();
			assertThat(RoomClient.user(this.port, "webshop")
				.send("POST", "/v1/admission-tokens/verify",
						RoomClient.json.writeValueAsString(Map.of("token", token, "roomId", "another-room")))
				.expect(200)
				.body()
				.path("valid")
				.asBoolean()).isFalse();
		}
	}

	@Test
	void anOpenConnectionKeepsThePlaceWithoutRestHeartbeats() {
		String room = Fixtures.roomId("wsbeat");
		RoomClient.admin(this.port).putRoom(room, 1, 100, 600, 2).expect(200);
		RoomClient holder = RoomClient.user(this.port, room + "-holder");
		RoomClient quiet = RoomClient.user(this.port, room + "-quiet");
		RoomClient watching = RoomClient.user(this.port, room + "-watching");
		holder.join(room).expect(200);
		quiet.join(room).expect(200);
		watching.join(room).expect(200);
		try (JsonWebSocket holderSocket = connect(holder, room); JsonWebSocket socket = connect(watching, room)) {
			socket.awaitFrame(JsonWebSocket.type("place"), Duration.ofSeconds(5));
			// three timeouts later: the silent user is gone, the connected ones kept
			// their places
			await().pollDelay(Duration.ofSeconds(6)).until(() -> true);
			assertThat(quiet.place(room).expect(200).state()).isEqualTo("NONE");
			assertThat(holder.place(room).expect(200).state()).isEqualTo("ACTIVE");
			JsonNode place = watching.place(room).expect(200).body();
			assertThat(place.path("state").asString()).isEqualTo("WAITING");
			assertThat(place.path("position").asLong()).isEqualTo(1);
			List<JsonNode> frames = socket.ofType("place");
			assertThat(frames.getLast().path("position").asLong()).isEqualTo(1);
			assertThat(frames.getFirst().path("position").asLong()).isEqualTo(2);
		}
	}

	@Test
	void soldOutIsPushedToEveryWaitingConnectionAtOnce() {
		String room = Fixtures.roomId("wssold");
		RoomClient.admin(this.port).putRoom(room, 1, 100, 600, 30).expect(200);
		RoomClient.user(this.port, room + "-shopper").join(room).expect(200);
		List<RoomClient> waiting = List.of(RoomClient.user(this.port, room + "-w1"),
				RoomClient.user(this.port, room + "-w2"), RoomClient.user(this.port, room + "-w3"));
		waiting.forEach((user) -> user.join(room).expect(200));
		List<JsonWebSocket> sockets = waiting.stream().map((user) -> connect(user, room)).toList();
		try {
			sockets.forEach((socket) -> socket.awaitFrame(JsonWebSocket.type("place"), Duration.ofSeconds(5)));
			long sold = System.nanoTime();
			RoomClient.admin(this.port).soldOut(room).expect(200);
			for (JsonWebSocket socket : sockets) {
				socket.awaitFrame((frame) -> "SOLD_OUT".equals(frame.path("state").asString()),
						Duration.ofMillis(1500));
			}
			System.out.printf("sold out -> pushed to %d waiting connections in %d ms%n", sockets.size(),
					(System.nanoTime() - sold) / 1_000_000);
			assertThat(waiting.getFirst().place(room).expect(200).state()).isEqualTo("SOLD_OUT");
		}
		finally {
			sockets.forEach(JsonWebSocket::close);
		}
	}

	@Test
	void admissionsReachTheWebSocketWithinOneAndAHalfSecondsMeasuredOverManyFreedPlaces() {
		String room = Fixtures.roomId("wsp99");
		RoomClient.admin(this.port).putRoom(room, 1, 100, 600, 30).expect(200);
		int samples = 20;
		List<RoomClient> users = new java.util.ArrayList<>();
		for (int i = 0; i <= samples; i++) {
			RoomClient user = RoomClient.user(this.port, room + "-" + i);
			user.join(room).expect(200);
			users.add(user);
		}
		List<JsonWebSocket> sockets = users.stream().map((user) -> connect(user, room)).toList();
		List<Long> millis = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < samples; i++) {
				sockets.get(i + 1).awaitFrame(JsonWebSocket.type("place"), Duration.ofSeconds(5));
				long left = System.nanoTime();
				users.get(i).leave(room).expect(204);
				sockets.get(i + 1)
					.awaitFrame((frame) -> "ACTIVE".equals(frame.path("state").asString()), Duration.ofMillis(1500));
				millis.add((System.nanoTime() - left) / 1_000_000);
			}
		}
		finally {
			sockets.forEach(JsonWebSocket::close);
		}
		List<Long> sorted = millis.stream().sorted().toList();
		System.out.printf(
				"leave -> admission frame on the next in line's WebSocket, %d samples: p50 %d ms, max %d ms%n", samples,
				sorted.get(samples / 2), sorted.getLast());
		assertThat(sorted.getLast()).isLessThanOrEqualTo(1500);
	}

}
