package io.headcount.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = EchoServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JsonWebSocketTests {

	@LocalServerPort
	int port;

	@Test
	void sendsJsonAndAwaitsTheAnswer() {
		try (JsonWebSocket socket = JsonWebSocket.to(echo()).bearer("t-1").open()) {
			socket.sendJson(Map.of("hello", "world"));

			JsonNode answer = socket.awaitFrame(JsonWebSocket.type("echo"), Duration.ofSeconds(5));

			assertThat(answer.path("text").asString()).isEqualTo("{\"hello\":\"world\"}");
			assertThat(answer.path("authorization").asString()).isEqualTo("Bearer t-1");
			assertThat(socket.ofType("echo")).containsExactly(answer);
			assertThat(socket.timedFrames(JsonWebSocket.type("echo")).getFirst().atNanos()).isPositive();
		}
	}

	@Test
	void putsTheAccessTokenInTheQuery() {
		try (JsonWebSocket socket = JsonWebSocket.to(echo() + "?deviceId=d").accessToken("t-2").open()) {
			socket.send("hi");

			assertThat(socket.awaitFrame(JsonWebSocket.type("echo"), Duration.ofSeconds(5)).path("query").asString())
				.isEqualTo("deviceId=d&access_token=t-2");
		}
	}

	@Test
	void assemblesMessagesThatArriveInFragments() {
		try (JsonWebSocket socket = JsonWebSocket.to(echo()).open()) {
			socket.send("repeat:3:300000");

			await().atMost(Duration.ofSeconds(10)).until(() -> socket.ofType("repeat").size() == 3);
			assertThat(socket.ofType("repeat"))
				.allSatisfy((frame) -> assertThat(frame.path("filler").asString()).hasSize(300_000));
		}
	}

	@Test
	void recordsTheServersCloseCodeAndReason() {
		JsonWebSocket socket = JsonWebSocket.to(echo()).open();
		socket.send("close:4001");

		assertThat(socket.closed()).succeedsWithin(5, TimeUnit.SECONDS).isEqualTo(4001);
		assertThat(socket.isClosed()).isTrue();
		assertThat(socket.closeCode()).isEqualTo(4001);
		assertThat(socket.closeReason()).isEqualTo("asked to close");
	}

	@Test
	void readsNothingMoreWhilePaused() {
		try (JsonWebSocket socket = JsonWebSocket.to(echo()).open()) {
			socket.pause();
			socket.send("repeat:3:10");

			await().atMost(Duration.ofSeconds(5)).until(() -> socket.ofType("repeat").size() == 1);
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> socket.ofType("repeat").size() == 1);

			socket.resume();
			await().atMost(Duration.ofSeconds(5)).until(() -> socket.ofType("repeat").size() == 3);
		}
	}

	@Test
	void handsMessagesToAConsumerInsteadOfRecordingThem() throws Exception {
		List<String> messages = new CopyOnWriteArrayList<>();
		JsonWebSocket socket = JsonWebSocket.to(echo()).onText(messages::add).openAsync().get(10, TimeUnit.SECONDS);
		try (socket) {
			socket.send("repeat:2:5");

			await().atMost(Duration.ofSeconds(5)).until(() -> messages.size() == 2);
			assertThat(messages.getFirst()).isEqualTo("{\"type\":\"repeat\",\"n\":0,\"filler\":\"xxxxx\"}");
			assertThatIllegalStateException().isThrownBy(socket::frames);
		}
	}

	private String echo() {
		return "ws://127.0.0.1:" + this.port + "/echo";
	}

}
