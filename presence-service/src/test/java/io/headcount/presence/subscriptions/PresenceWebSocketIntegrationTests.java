package io.headcount.presence.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceEvents;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.TestSocket;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /ws/presence against the real Redis Cluster: snapshots, live changes, liveness, grace,
 * bad frames.
 */
@PresenceIntegrationTest
class PresenceWebSocketIntegrationTests {

	@LocalServerPort
	int port;

	PresenceClient alice;

	PresenceClient bob;

	@BeforeEach
	void users() {
		this.alice = new PresenceClient(this.port, Fixtures.user("alice"));
		this.bob = new PresenceClient(this.port, Fixtures.user("bob"));
	}

	@Test
	void subscribingGivesASnapshotThenEveryChangeWithIncreasingSeq() {
		this.alice.set("away");
		try (TestSocket watcher = this.bob.connect()) {
			watcher.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"userIds\":[\"" + this.alice.userId() + "\"]}");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !watcher.frames((f) -> f.path("type").asString().equals("snapshot")).isEmpty());
			JsonNode snapshot = watcher.frames((f) -> f.path("type").asString().equals("snapshot")).getFirst();
			assertThat(snapshot.path("id").asString()).isEqualTo("s1");
			assertThat(snapshot.path("users").path(0).path("status").asString()).isEqualTo("away");
			long snapshotSeq = snapshot.path("users").path(0).path("seq").asLong();

			this.alice.set("online");
			this.alice.set("invisible");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(watcher.statusesOf(this.alice.userId())).containsExactly("away",
						"online", "offline"));
			List<JsonNode> changes = watcher.presenceOf(this.alice.userId());
			assertThat(changes.get(0).path("seq").asLong()).isGreaterThan(snapshotSeq);
			assertThat(changes.get(1).path("seq").asLong()).isGreaterThan(changes.get(0).path("seq").asLong());
			assertThat(changes.get(1).path("lastActiveAt").asString())
				.isEqualTo(changes.get(0).path("lastActiveAt").asString());
		}
	}

	@Test
	void anOpenWebSocketKeepsItsUserAliveAndStatusFramesAreAcknowledged() {
		try (TestSocket watcher = this.bob.connect(); TestSocket own = this.alice.connect()) {
			awaitOnline(this.alice.userId());
			watcher.subscribe(this.alice.userId());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> watcher.statusesOf(this.alice.userId()).contains("online"));
			await().during(Fixtures.TIMEOUT.multipliedBy(3))
				.atMost(Fixtures.TIMEOUT.multipliedBy(4))
				.until(() -> this.bob.statusOf(this.alice.userId()).equals("online"));

			own.send("{\"type\":\"status\",\"status\":\"away\",\"id\":\"7\"}");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !own.frames((f) -> f.path("type").asString().equals("ack")).isEmpty());
			assertThat(own.frames((f) -> f.path("type").asString().equals("ack")).getFirst().path("id").asString())
				.isEqualTo("7");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> watcher.statusesOf(this.alice.userId()).getLast().equals("away"));
			own.send("{\"type\":\"heartbeat\"}");
			assertThat(watcher.statusesOf(this.alice.userId())).containsExactly("online", "away");
		}
		// closed: offline after the grace window, then broadcast once
		await().atMost(Duration.ofSeconds(Fixtures.TIMEOUT.toSeconds() + 5))
			.until(() -> this.bob.statusOf(this.alice.userId()).equals("offline"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(PresenceEvents.statusesOf(this.alice.userId())).containsExactly("online",
					"away", "offline"));
	}

	@Test
	void aReconnectWithinTheGraceWindowIsNotBroadcast() {
		try (TestSocket watcher = this.bob.connect()) {
			TestSocket first = this.alice.connect("tab-1");
			awaitOnline(this.alice.userId());
			watcher.subscribe(this.alice.userId());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> watcher.statusesOf(this.alice.userId()).contains("online"));

			first.abort(); // the network dropped
			TestSocket second = this.alice.connect("tab-1");
			// a new connection without a device id is another device: no flapping either
			TestSocket third = this.alice.connect();
			second.close();
			await().during(Fixtures.TIMEOUT.multipliedBy(2))
				.atMost(Fixtures.TIMEOUT.multipliedBy(3))
				.until(() -> this.bob.statusOf(this.alice.userId()).equals("online"));
			assertThat(watcher.statusesOf(this.alice.userId())).containsExactly("online");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(PresenceEvents.statusesOf(this.alice.userId())).containsExactly("online"));
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> PresenceEvents.statusesOf(this.alice.userId()).equals(List.of("online")));

			third.close();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(watcher.statusesOf(this.alice.userId())).containsExactly("online", "offline"));
		}
	}

	@Test
	void theTokenMayComeInTheAccessTokenQueryParameter() {
		try (TestSocket socket = TestSocket.openWithQueryToken(this.port, this.alice.token())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.bob.statusOf(this.alice.userId()).equals("online"));
			assertThat(socket.isClosed()).isFalse();
		}
	}

	@Test
	void aHandshakeWithoutAValidTokenIsRefusedWith401() {
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/presence");
		assertHandshakeStatus(TestSocket.attempt(uri, null), 401);
		String forged = Tokens.mint("another-secret-another-secret-another-secret", this.alice.userId(),
				Duration.ofHours(1));
		assertHandshakeStatus(TestSocket.attempt(uri, "Bearer " + forged), 401);
		String expired = Tokens.mint(Fixtures.SECRET, this.alice.userId(), Duration.ofSeconds(-120));
		assertHandshakeStatus(TestSocket.attempt(URI.create(uri + "?access_token=" + expired), null), 401);
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("offline");
	}

	@Test
	void badFramesCloseWithACodeAndAReasonAndChangeNothing() {
		// invisible is per user: the connections below (new devices) keep it, a bad
		// status frame must too
		this.alice.set("invisible");
		assertClosedWith(this.alice.connect().send("{not json"), 1007, "invalid JSON");
		assertClosedWith(this.alice.connect().send("[1,2]"), 1003, "unsupported message");
		assertClosedWith(this.alice.connect().send("{\"type\":\"dance\"}"), 1003, "unsupported message");
		assertClosedWith(this.alice.connect().status("busy"), 1003, "Unknown status");
		assertClosedWith(this.alice.connect("bad%7Cdevice"), 1007, "deviceId");
		assertThat(this.alice.send("GET", "/v1/presence/me", null).json().path("status").asString())
			.isEqualTo("invisible");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("offline");
	}

	/**
	 * Platform's WebSocket policy: a valid frame the endpoint refuses gets an error
	 * frame; the connection stays.
	 */
	@Test
	void refusedFramesAreAnsweredWithAnErrorAndChangeNothing() {
		this.alice.set("invisible");
		TestSocket socket = this.alice.connect();
		assertRefusedWith(socket.send("{\"type\":\"status\"}"), 1, "invalid-frame", "status");
		assertRefusedWith(socket.send("{\"type\":\"subscribe\",\"userIds\":[\"\"]}"), 2, "invalid-frame", "user id");
		assertRefusedWith(socket.send("{\"type\":\"subscribe\"}"), 3, "invalid-frame", "userIds");
		assertRefusedWith(socket.send("{\"type\":\"heartbeat\",\"id\":\"" + "x".repeat(65) + "\"}"), 4, "invalid-frame",
				"id");
		assertThat(this.alice.send("GET", "/v1/presence/me", null).json().path("status").asString())
			.isEqualTo("invisible");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("offline");
	}

	@Test
	void binaryAndOversizedFramesCloseWithTheirCodesAndTooManySubscriptionsAreRefused() {
		TestSocket binary = this.alice.connect();
		binary.raw().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).orTimeout(5, TimeUnit.SECONDS).join();
		assertClosedWith(binary, 1003, "binary");

		assertClosedWith(this.alice.connect().send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(70_000) + "\"}"),
				1009, "longer than");

		String[] many = IntStream.range(0, 1001).mapToObj((i) -> "user-" + i).toArray(String[]::new);
		assertRefusedWith(this.alice.connect().subscribe(many), 1, "too-many-subscriptions", "1000");

		TestSocket limit = this.alice.connect();
		limit.subscribe(IntStream.range(0, 1000).mapToObj((i) -> "user-" + i).toArray(String[]::new));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !limit.frames((f) -> f.path("type").asString().equals("snapshot")).isEmpty());
		assertThat(limit.frames().getFirst().path("users").size()).isEqualTo(1000);
		assertRefusedWith(limit.subscribe("one-more"), 1, "too-many-subscriptions", "1000");
	}

	/**
	 * Connecting counts as online once the first heartbeat reached Redis; subscribe after
	 * that.
	 */
	private void awaitOnline(String userId) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.bob.statusOf(userId).equals("online"));
	}

	/**
	 * The socket got its {@code count}th error frame, with this code, and is still open.
	 */
	private static void assertRefusedWith(TestSocket socket, int count, String code, String detailContains) {
		await().atMost(Duration.ofSeconds(5)).until(() -> errors(socket).size() >= count);
		assertThat(errors(socket)).hasSize(count);
		JsonNode error = errors(socket).getLast();
		assertThat(error.path("code").asString()).isEqualTo(code);
		assertThat(error.path("detail").asString()).contains(detailContains);
		assertThat(socket.isClosed()).as("close reason %s", socket.closeReason()).isFalse();
	}

	private static List<JsonNode> errors(TestSocket socket) {
		return socket.frames((f) -> f.path("type").asString().equals("error"));
	}

	private static void assertClosedWith(TestSocket socket, int code, String reasonContains) {
		await().atMost(Duration.ofSeconds(5)).until(socket::isClosed);
		assertThat(socket.closeCode()).as("close reason %s", socket.closeReason()).isEqualTo(code);
		assertThat(socket.closeReason()).contains(reasonContains);
	}

	private static void assertHandshakeStatus(java.util.concurrent.CompletableFuture<?> attempt, int status) {
		assertThatThrownBy(() -> attempt.get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(WebSocketHandshakeException.class)
			.satisfies((ex) -> assertThat(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode())
				.isEqualTo(status));
	}

}
