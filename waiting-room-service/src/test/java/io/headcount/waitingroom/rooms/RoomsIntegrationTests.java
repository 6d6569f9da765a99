package io.headcount.waitingroom.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.headcount.devstack.DevStack;
import io.headcount.testsupport.TopicReader;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomClient.Response;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/** The room and entry API on one instance, against the real Redis Cluster and Kafka. */
@RoomsIntegrationTest
class RoomsIntegrationTests {

	static TopicReader events;

	@LocalServerPort
	int port;

	@BeforeAll
	static void readEvents() {
		events = TopicReader.from(DevStack.shared().kafkaBootstrapServers(), "headcount.waiting-room-events");
	}

	@AfterAll
	static void stopReading() {
		events.close();
	}

	RoomClient admin() {
		return RoomClient.admin(this.port);
	}

	RoomClient user(String id) {
		return RoomClient.user(this.port, id);
	}

	@Test
	void configuringARoomNeedsTheAdminScopeAndAnswersConfigurationAndLiveFigures() {
		String room = Fixtures.roomId("config");
		Response refused = user("u1").putRoom(room, 5, 100, 60, 30);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(user("u1").room(room).status()).isEqualTo(404);
		JsonNode view = admin().putRoom(room, 5, 100, 60, 30).expect(200).body();
		assertThat(view.path("activeCapacity").asInt()).isEqualTo(5);
		assertThat(view.path("queueCapacity").asInt()).isEqualTo(100);
		assertThat(view.path("state").asString()).isEqualTo("OPEN");
		assertThat(view.path("live").path("active").asLong()).isZero();
		JsonNode defaults = admin()
			.putRoom(room,
					Map.of("activeCapacity", 3, "maxShoppingSeconds", 60, "webshopUrl", "https://shop.example/x"))
			.expect(200)
			.body();
		assertThat(defaults.path("queueCapacity").asInt()).isEqualTo(200_000);
		assertThat(defaults.path("heartbeatTimeoutSeconds").asInt()).isEqualTo(30);
		assertThat(
				admin()
					.putRoom(room,
							Map.of("activeCapacity", 0, "maxShoppingSeconds", 60, "webshopUrl",
									"https://shop.example/x"))
					.status())
			.isEqualTo(400);
		assertThat(admin()
			.putRoom(room, Map.of("activeCapacity", 1, "maxShoppingSeconds", 60, "webshopUrl", "javascript:alert(1)"))
			.status()).isEqualTo(400);
		assertThat(admin().putRoom("Bad.Room", 5, 100, 60, 30).status()).isEqualTo(400);
	}

	@Test
	void joinAdmitsAtOnceWhileTheShopHasRoomThenQueuesInOrderAndRejoiningKeepsThePlace() {
		String room = Fixtures.roomId("join");
		admin().putRoom(room, 2, 100, 600, 30).expect(200);
		for (String id : List.of("a", "b")) {
			Response active = user(room + "-" + id).join(room).expect(200);
			assertThat(active.state()).isEqualTo("ACTIVE");
			assertThat(active.body().path("admissionToken").asString()).isNotEmpty();
			assertThat(active.body().path("redirectUrl").asString())
				.startsWith("http://127.0.0.1:9/shop/" + room + "?admission_token=");
		}
		Response c = user(room + "-c").join(room).expect(200);
		Response d = user(room + "-d").join(room).expect(200);
		assertThat(c.state()).isEqualTo("WAITING");
		assertThat(c.body().path("position").asLong()).isEqualTo(1);
		assertThat(d.body().path("position").asLong()).isEqualTo(2);
		JsonNode ewt = d.body().path("ewt");
		assertThat(ewt.path("latestSeconds").asLong()).isGreaterThanOrEqualTo(ewt.path("expectedSeconds").asLong())
			.isBetween(600L, 602L);
		assertThat(d.body().path("refreshSeconds").asLong()).isEqualTo(10);
		assertThat(user(room + "-c").join(room).expect(200).body().path("position").asLong()).isEqualTo(1);
		assertThat(user(room + "-d").place(room).expect(200).body().path("position").asLong()).isEqualTo(2);
		JsonNode figures = user("reader").room(room).expect(200).body().path("live");
		assertThat(figures.path("active").asLong()).isEqualTo(2);
		assertThat(figures.path("waiting").asLong()).isEqualTo(2);
		assertThat(figures.path("lastInLine").path("latestSeconds").asLong()).isBetween(600L, 602L);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<JsonNode> joined = events.withKey(room, TopicReader.type("ShopperJoined"));
			assertThat(joined).hasSize(4);
			JsonNode last = joined.get(3);
			assertThat(last.path("position").asLong()).isEqualTo(2);
			// epoch 1 (the room's first Redis process), fourth ticket
			assertThat(last.path("ticket").asLong()).isEqualTo((1L << 32) + 4);
			assertThat(last.path("expectedAdmissionAt").asString()).isNotEmpty();
			assertThat(last.path("admissionNoLaterThan").asString()).isNotEmpty();
		});
	}

	@Test
	void aFullShopAndQueueAnswer429WithRetryAfterAndAProblem() {
		String room = Fixtures.roomId("full");
		admin().putRoom(room, 1, 1, 600, 30).expect(200);
		user(room + "-a").join(room).expect(200);
		user(room + "-b").join(room).expect(200);
		Response refused = user(room + "-c").join(room);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.retryAfter()).isNotNull();
		assertThat(refused.body().path("code").asString()).isEqualTo("room-full");
		assertThat(user(room + "-c").place(room).expect(200).state()).isEqualTo("NONE");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> events.withKey(room, TopicReader.type("ShopperRejected")).size() == 1);
	}

	@Test
	void aLeaverIsReplacedByTheNextInLineWithinOneSecond() {
		String room = Fixtures.roomId("leave");
		admin().putRoom(room, 1, 100, 600, 30).expect(200);
		user(room + "-a").join(room).expect(200);
		user(room + "-b").join(room).expect(200);
		assertThat(user(room + "-a").leave(room).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> "ACTIVE".equals(user(room + "-b").place(room).state()));
		assertThat(user(room + "-a").place(room).state()).isEqualTo("NONE");
		// on Redis' clock: the leave and the admission, as their events tell
		JsonNode left = await().atMost(Duration.ofSeconds(20))
			.until(() -> events.withKey(room, TopicReader.type("ShopperLeft")), (list) -> !list.isEmpty())
			.getFirst();
		JsonNode admitted = await().atMost(Duration.ofSeconds(20))
			.until(() -> events.withKey(room, TopicReader.type("ShopperAdmitted")), (list) -> list.size() == 2)
			.getLast();
		long millis = java.time.Duration
			.between(java.time.Instant.parse(left.path("occurredAt").asString()),
					java.time.Instant.parse(admitted.path("occurredAt").asString()))
			.toMillis();
		System.out.printf("leave -> next admitted (Redis time): %d ms%n", millis);
		assertThat(admitted.path("userId").asString()).isEqualTo(room + "-b");
		assertThat(millis).isBetween(0L, 1000L);
	}

	@Test
	void silentUsersAreDroppedAfterTheHeartbeatTimeoutAndExpiredShoppersAfterTheShoppingTime() {
		String room = Fixtures.roomId("timeout");
		admin().putRoom(room, 1, 100, 3, 2).expect(200);
		user(room + "-a").join(room).expect(200);
		user(room + "-b").join(room).expect(200);
		user(room + "-c").join(room).expect(200);
		// a never heartbeats: idle after 2 s; b heartbeats and gets the place, c is idle
		// too
		await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(300)).until(() -> {
			return "ACTIVE".equals(user(room + "-b").heartbeat(room).state());
		});
		long admitted = System.nanoTime();
		// b keeps heartbeating: out after the 3 s shopping time, never before
		await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(300)).until(() -> {
			return "NONE".equals(user(room + "-b").heartbeat(room).state());
		});
		assertThat((System.nanoTime() - admitted) / 1_000_000).isGreaterThanOrEqualTo(2_000);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<String> reasons = new ArrayList<>();
			for (JsonNode e : events.withKey(room, TopicReader.type("ShopperEvicted"))) {
				reasons.add(e.path("userId").asString().substring(room.length() + 1) + ":" + e.path("reason").asString()
						+ ":" + e.path("wasActive").asBoolean());
			}
			assertThat(reasons).containsExactlyInAnyOrder("a:idle:true", "c:idle:false", "b:expired:true");
		});
	}

	@Test
	void soldOutTellsEveryWaitingUserAndClosesTheRoom() {
		String room = Fixtures.roomId("soldout");
		admin().putRoom(room, 1, 100, 600, 30).expect(200);
		user(room + "-a").join(room).expect(200);
		user(room + "-b").join(room).expect(200);
		user(room + "-c").join(room).expect(200);
		assertThat(user(room + "-a").soldOut(room).status()).isEqualTo(403);
		JsonNode sold = admin().soldOut(room).expect(200).body();
		assertThat(sold.path("waitingDropped").asLong()).isEqualTo(2);
		assertThat(user(room + "-b").place(room).expect(200).state()).isEqualTo("SOLD_OUT");
		assertThat(user(room + "-a").place(room).expect(200).state()).isEqualTo("ACTIVE");
		Response late = user(room + "-d").join(room);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.body().path("code").asString()).isEqualTo("sold-out");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> events.withKey(room, TopicReader.type("RoomSoldOut")).size() == 1);
	}

	@Test
	void theSeedsUrlsJoinAndHeartbeatTheDefaultRoomAsTheTokensSubject() {
		RoomClient me = user("seed-user");
		// the configured room is written by the admission loop's first round
		await().atMost(Duration.ofSeconds(10)).until(() -> me.room("seed-room").status() == 200);
		Response joined = me.send("POST", "/users/seed-user/webshop?access=true", null).expect(200);
		assertThat(joined.state()).isEqualTo("ACTIVE");
		assertThat(joined.body().path("roomId").asString()).isEqualTo("seed-room");
		assertThat(me.send("GET", "/users/seed-user/actuator/health", null).expect(200).state()).isEqualTo("ACTIVE");
		assertThat(me.send("POST", "/users/someone-else/webshop?access=true", null).status()).isEqualTo(403);
		assertThat(me.send("POST", "/users/seed-user/webshop?access=false", null).status()).isEqualTo(400);
		assertThat(me.send("GET", "/users/someone-else/actuator/health", null).status()).isEqualTo(403);
	}

}
