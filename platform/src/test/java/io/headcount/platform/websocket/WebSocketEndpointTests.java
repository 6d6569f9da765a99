package io.headcount.platform.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.testapp.PlatformTestApplication;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.Session;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.WebSocketHandshakeException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket plumbing on a real Tomcat with the platform's small buffers, through the
 * JDK's client: authentication, JSON frames, close codes, fragment assembly and
 * coalescing. Needs no Redis or Kafka.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "headcount.security.jwt.hmac-secret=" + WebSocketEndpointTests.SECRET,
				"headcount.events.create-topics=false", "management.influx.metrics.export.enabled=false" })
class WebSocketEndpointTests {

	static final String SECRET = "websocket-tests-secret-0123456789abcdefghij";

	@LocalServerPort
	int port;

	@Autowired
	WebSocketSessions sessions;

	@Autowired
	MeterRegistry registry;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void echoesToTheUserOfTheTokenInTheQueryString() {
		JsonWebSocket client = connect("u-echo");
		client.send("{\"type\":\"echo\",\"text\":\"hi\"}");
		await().atMost(Duration.ofSeconds(5)).until(() -> !client.frames().isEmpty());
		assertThat(client.frames().getFirst().path("text").asString()).isEqualTo("hi");
		assertThat(client.frames().getFirst().path("userId").asString()).isEqualTo("u-echo");
		client.webSocket().sendClose(1000, "bye").join();
	}

	@Test
	void upgradeWithoutATokenIsRefused() {
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> JsonWebSocket.to("ws://127.0.0.1:" + this.port + "/ws/echo").open())
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
	}

	@Test
	void invalidJsonClosesWith1007() {
		JsonWebSocket client = connect("u-1");
		client.send("{\"type\":");
		assertClosed(client, 1007, "invalid JSON");
	}

	@Test
	void unknownMessageClosesWith1003() {
		JsonWebSocket client = connect("u-1");
		client.send("{\"type\":\"dance\"}");
		assertClosed(client, 1003, "unsupported message");
	}

	@Test
	void binaryFrameClosesWith1003() {
		JsonWebSocket client = connect("u-1");
		client.webSocket().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
		assertClosed(client, 1003, "binary");
	}

	@Test
	void messageOverTheLimitClosesWith1009() {
		JsonWebSocket client = connect("u-1");
		client.send("{\"type\":\"echo\",\"text\":\"" + "x".repeat(5_000) + "\"}");
		assertClosed(client, 1009, "longer than 4096");
	}

	@Test
	void messagesLargerThanTomcatsSmallBuffersAreAssembled() {
		JsonWebSocket client = connect("u-1");
		String text = "y".repeat(3_000); // three times the 1 KiB container buffer, within
											// the 4 KiB limit
		client.send("{\"type\":\"echo\",\"text\":\"" + text + "\"}");
		await().atMost(Duration.ofSeconds(5)).until(() -> !client.frames().isEmpty());
		assertThat(client.frames().getFirst().path("text").asString()).isEqualTo(text);
		assertThat(client.closed()).isNotDone();
	}

	@Test
	void applicationErrorsAreErrorFramesAndKeepTheConnection() {
		JsonWebSocket client = connect("u-1");
		client.send("{\"type\":\"refuse\"}");
		client.send("{\"type\":\"echo\",\"text\":\"still here\"}");
		await().atMost(Duration.ofSeconds(5)).until(() -> client.frames().size() == 2);
		JsonNode error = client.frames().getFirst();
		assertThat(error.path("type").asString()).isEqualTo("error");
		assertThat(error.path("code").asString()).isEqualTo("refused");
		assertThat(client.frames().get(1).path("text").asString()).isEqualTo("still here");
	}

	@Test
	void updatesForOneKeyAreCoalescedToTheLatest() {
		JsonWebSocket client = connect("u-burst");
		int count = 50_000;
		client.send("{\"type\":\"burst\",\"key\":\"count\",\"count\":" + count + "}");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !client.frames().isEmpty() && client.frames().getLast().path("value").asInt() == count - 1);
		assertThat(client.frames().size()).as("updates received for %d offered", count).isLessThan(count / 10);
		assertThat(this.registry.get("headcount.websocket.coalesced").counter().count()).isPositive();
	}

	@Test
	void aConsumerThatStopsReadingIsClosedAsSlowInsteadOfBufferingWithoutBound() {
		JsonWebSocket client = connect("u-slow");
		client.send("{\"type\":\"echo\",\"text\":\"hi\"}");
		await().atMost(Duration.ofSeconds(5)).until(() -> !client.frames().isEmpty());
		double closedBefore = this.registry.get("headcount.websocket.slow-consumers").counter().count();
		client.pause();
		// far more than the kernel's socket buffers and the 64 KB send-buffer limit can
		// hold
		client.send("{\"type\":\"flood\",\"count\":4000,\"size\":16000}");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.registry.get("headcount.websocket.slow-consumers").counter().count() > closedBefore);
		client.resume();
		assertClosed(client, 1008, "slow consumer");
		assertThat(client.frames().size()).as("messages that got through before the close").isLessThan(4000);
	}

	@Test
	void openSessionsAreCountedPerInstance() {
		String user = "u-" + UUID.randomUUID();
		JsonWebSocket first = connect(user);
		JsonWebSocket second = connect(user);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sessions.ofUser(user).size() == 2);
		double open = this.registry.get("headcount.websocket.sessions").gauge().value();
		assertThat(open).isGreaterThanOrEqualTo(2);

		first.webSocket().sendClose(1000, "bye").join();
		second.webSocket().sendClose(1000, "bye").join();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sessions.ofUser(user).isEmpty());
	}

	@Test
	void openSessionKeepsOnlyTheUserOfTheHandshake() {
		String user = "u-" + UUID.randomUUID();
		String token = Tokens.mint(SECRET, user, Duration.ofMinutes(5));
		JsonWebSocket client = JsonWebSocket.to("ws://127.0.0.1:" + this.port + "/ws/echo?deviceId=tab-1")
			.accessToken(token)
			.open();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sessions.ofUser(user).size() == 1);
		LiveSession live = this.sessions.ofUser(user).iterator().next();
		assertThat(live.principal()).isEqualTo(new UserPrincipal(user));
		assertThat(live.uri()).hasPath("/ws/echo").hasQuery("deviceId=tab-1");
		assertThat(live.raw().getHandshakeHeaders().isEmpty()).isTrue();
		assertThat(live.raw().getAttributes()).isEmpty();
		Session tomcat = ((StandardWebSocketSession) live.raw()).getNativeSession();
		assertThat(tomcat.getUserPrincipal()).isEqualTo(new UserPrincipal(user));
		assertThat(tomcat.getQueryString()).isEqualTo("deviceId=tab-1");
		assertThat(tomcat.getRequestParameterMap()).isEmpty();
		client.webSocket().sendClose(1000, "bye").join();
	}

	@Test
	void accessTokenIsDroppedFromTheQueryWhereverItIs() {
		assertThat(LeanUpgradeStrategy.withoutAccessToken("access_token=abc")).isNull();
		assertThat(LeanUpgradeStrategy.withoutAccessToken("a=1&access_token=abc&b=2")).isEqualTo("a=1&b=2");
		assertThat(LeanUpgradeStrategy.withoutAccessToken("access_token_hint=1")).isEqualTo("access_token_hint=1");
		assertThat(LeanUpgradeStrategy.withoutAccessToken(null)).isNull();
	}

	@Test
	void tomcatIsTunedForManyIdleConnections() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("1024");
		assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("1024");
		assertThat(WebSocketContainerTuning.tomcatFrameBufferSize(getClass().getClassLoader())).isEqualTo(512);
	}

	private JsonWebSocket connect(String user) {
		String token = Tokens.mint(SECRET, user, Duration.ofMinutes(5));
		return JsonWebSocket.to("ws://127.0.0.1:" + this.port + "/ws/echo?access_token=" + token).open();
	}

	private static void assertClosed(JsonWebSocket client, int code, String reason) {
		assertThat(client.closed()).succeedsWithin(5, TimeUnit.SECONDS).isEqualTo(code);
		assertThat(client.closeReason()).contains(reason);
	}

}
