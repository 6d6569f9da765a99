package io.headcount.waitingroom.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Bots are stopped before they take a place: a room's proof of work at join (checked by
 * the server, bound to room, user and expiry), one entry per authenticated user, and a
 * per-client join rate.
 */
@RoomsIntegrationTest
@TestPropertySource(properties = "headcount.waiting-room.joins-per-second=2")
class BotDefenceIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aRoomWithProofOfWorkTakesOnlyJoinsThatCarryTheWorkForThatUser() throws Exception {
		String room = Fixtures.roomId("pow");
		RoomClient.admin(this.port)
			.putRoom(room,
					Map.of("activeCapacity", 1, "maxShoppingSeconds", 600, "webshopUrl", "https://shop.example/" + room,
							"proofOfWorkBits", 12))
			.expect(200);
		RoomClient alice = RoomClient.user(this.port, room + "-alice");
		RoomClient.Response bare = alice.join(room);
		assertThat(bare.status()).isEqualTo(403);
		assertThat(bare.body().path("code").asString()).isEqualTo("proof-of-work-required");
		JsonNode challenge = alice.send("GET", "/v1/rooms/" + room + "/challenge", null).expect(200).body();
		assertThat(challenge.path("bits").asInt()).isEqualTo(12);
		long started = System.nanoTime();
		String work = solve(challenge.path("challenge").asString(), 12);
		System.out.printf("proof of work, 12 bits, in Java: %d ms%n", (System.nanoTime() - started) / 1_000_000);
		assertThat(join(alice, room, challenge.path("challenge").asString() + ":wrong").path("code").asString())
			.isEqualTo("proof-of-work-invalid");
		// another user's challenge does not do
		RoomClient bob = RoomClient.user(this.port, room + "-bob");
		assertThat(join(bob, room, work).path("code").asString()).isEqualTo("proof-of-work-invalid");
		assertThat(join(alice, room, work).path("state").asString()).isEqualTo("ACTIVE");
		// one entry per user: the same work again finds the same place
		assertThat(join(alice, room, work).path("state").asString()).isEqualTo("ACTIVE");
		assertThat(alice.room(room).expect(200).body().path("live").path("active").asLong()).isEqualTo(1);
	}

	@Test
	void aClientThatJoinsTooOftenIsToldToWait() {
		String room = Fixtures.roomId("rate");
		RoomClient.admin(this.port).putRoom(room, 5, 100, 600, 30).expect(200);
		RoomClient bot = RoomClient.user(this.port, room + "-bot");
		int refused = 0;
		String retryAfter = null;
		for (int i = 0; i < 30; i++) {
			RoomClient.Response answer = bot.join(room);
			if (answer.status() == 429) {
				refused++;
				retryAfter = answer.retryAfter();
				assertThat(answer.body().path("code").asString()).isEqualTo("too-many-joins");
			}
		}
		System.out.printf("join rate limit (2/s, burst 10): %d of 30 quick joins refused%n", refused);
		assertThat(refused).isGreaterThanOrEqualTo(15);
		assertThat(retryAfter).isNotNull();
		assertThat(bot.room(room).expect(200).body().path("live").path("active").asLong()).isEqualTo(1);
	}

	private JsonNode join(RoomClient user, String room, String work) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/rooms/" + room + "/entries"))
				.header("Authorization", "Bearer " + user.token())
				.header("Proof-Of-Work", work)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		return RoomClient.json.readTree(response.body());
	}

	static String solve(String challenge, int bits) {
		for (long nonce = 0;; nonce++) {
			String text = challenge + ":" + nonce;
			if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(text)) >= bits) {
				return text;
			}
		}
	}

}
