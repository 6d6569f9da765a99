package io.headcount.waitingroom.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.headcount.devstack.DevStack;
import io.headcount.testsupport.TopicReader;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An opening time: everybody who joins before it waits, whatever the capacity; at the
 * opening their order is the draw of a seed that is secret until then and published
 * after, and an auditor recomputes the admitted order from the seed and the joins; later
 * arrivals queue after them in arrival order.
 */
@RoomsIntegrationTest
class OpeningDrawIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void earlyJoinersAreDrawnAtTheOpeningWithARecordedSeedAndLaterArrivalsQueueAfterThem() throws Exception {
		String room = Fixtures.roomId("draw");
		Instant opensAt = Instant.now().plusSeconds(4);
		try (TopicReader events = TopicReader.from(DevStack.shared().kafkaBootstrapServers(),
				"headcount.waiting-room-events")) {
			RoomClient.admin(this.port)
				.putRoom(room,
						Map.of("activeCapacity", 1, "maxShoppingSeconds", 600, "webshopUrl",
								"https://shop.example/" + room, "opensAt", opensAt.toString()))
				.expect(200);
			List<String> early = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String user = room + "-early" + i;
				early.add(user);
				RoomClient.Response joined = RoomClient.user(this.port, user).join(room).expect(200);
				assertThat(joined.state()).isEqualTo("WAITING");
				assertThat(joined.body().path("ewt").path("latestSeconds").asLong()).isGreaterThanOrEqualTo(1);
			}
			assertThat(RoomClient.admin(this.port).room(room).expect(200).body().path("drawSeed").isNull()).isTrue();
			JsonNode opened = await().atMost(Duration.ofSeconds(20))
				.until(() -> events.withKey(room, TopicReader.type("RoomOpened")), (list) -> !list.isEmpty())
				.getFirst();
			String seed = opened.path("drawSeed").asString();
			assertThat(opened.path("drawn").asLong()).isEqualTo(8);
			assertThat(RoomClient.admin(this.port).room(room).expect(200).body().path("drawSeed").asString())
				.isEqualTo(seed);
			List<String> late = List.of(room + "-late0", room + "-late1");
			for (String user : late) {
				assertThat(RoomClient.user(this.port, user).join(room).expect(200).state()).isEqualTo("WAITING");
			}
			// everyone leaves as soon as admitted, so the whole order shows
			List<String> all = new ArrayList<>(early);
			all.addAll(late);
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
				for (String user : all) {
					RoomClient client = RoomClient.user(this.port, user);
					if ("ACTIVE".equals(client.place(room).state())) {
						client.leave(room);
					}
				}
				return events.withKey(room, TopicReader.type("ShopperAdmitted")).size() == all.size();
			});
			List<String> admitted = events.withKey(room, TopicReader.type("ShopperAdmitted"))
				.stream()
				.map((event) -> event.path("userId").asString())
				.toList();
			List<String> recomputed = new ArrayList<>(early.stream()
				.sorted(Comparator.comparingLong((String user) -> draw(seed, user))
					.thenComparing(Comparator.naturalOrder()))
				.toList());
			recomputed.addAll(late);
			System.out.printf("opening draw: seed %s, admitted %s%n", seed, admitted);
			assertThat(admitted).containsExactlyElementsOf(recomputed);
			assertThat(admitted.subList(0, 8)).isNotEqualTo(early);
		}
	}

	/** The auditor's recomputation: the first 32 bits of SHA-1(seed:user), unsigned. */
	static long draw(String seed, String user) throws RuntimeException {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1")
				.digest((seed + ":" + user).getBytes(StandardCharsets.UTF_8));
			return Long.parseLong(HexFormat.of().formatHex(hash).substring(0, 8), 16);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
