package io.headcount.presence.visitors;

import static io.headcount.presence.visitors.Sessions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceClient.Response;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 items 1 and 2 against the real Redis Cluster: sites configured by admins with
 * their CORS origins and timing; anonymous sessions opened, heartbeated and closed (also
 * as {@code navigator.sendBeacon} sends it); an unknown site answers 404 and leaves
 * nothing in Redis.
 */
@PresenceIntegrationTest
class VisitorSessionsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Test
	void onlyAnAdminConfiguresASiteAndReadsItBack() {
		String siteId = Sessions.newSiteId("config");
		String body = "{\"allowedOrigins\":[\"https://www.example.com\",\"http://localhost:3000\"],"
				+ "\"heartbeatSeconds\":15,\"sessionTimeoutSeconds\":45,\"inactivitySeconds\":1800}";
		String user = Tokens.mint(Fixtures.SECRET, "someone", Duration.ofHours(1));
		assertThat(Sessions.configure(this.port, siteId, user, body).status()).isEqualTo(403);
		assertThat(Sessions.tryOpen(this.port, siteId, null).status()).isEqualTo(404);

		Response put = Sessions.configure(this.port, siteId, Sessions.ADMIN, body);
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		Response get = PresenceClient.send(this.port, "GET", "/v1/sites/" + siteId, null,
				headers("Authorization", "Bearer " + Sessions.ADMIN));
		assertThat(get.status()).isEqualTo(200);
		JsonNode site = get.json();
		assertThat(site.path("siteId").asString()).isEqualTo(siteId);
		assertThat(site.path("allowedOrigins").values()).extracting(JsonNode::asString)
			.containsExactly("https://www.example.com", "http://localhost:3000");
		assertThat(site.path("heartbeatSeconds").asLong()).isEqualTo(15);
		assertThat(site.path("sessionTimeoutSeconds").asLong()).isEqualTo(45);
		assertThat(site.path("inactivitySeconds").asLong()).isEqualTo(1800);
		assertThat(
				PresenceClient
					.send(this.port, "GET", "/v1/sites/" + siteId, null,
							headers("Authorization",
									"Bearer " + Tokens.mint(Fixtures.SECRET, "x", Duration.ofHours(1))))
					.status())
			.isEqualTo(403);

		Response opened = Sessions.tryOpen(this.port, siteId, null);
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		assertThat(opened.json().path("sessionId").asString()).matches(VisitorIds.SESSION_ID_REGEX);
		assertThat(opened.json().path("heartbeatSeconds").asLong()).isEqualTo(15);
		assertThat(opened.json().path("inactivitySeconds").asLong()).isEqualTo(1800);
	}

	@Test
	void anUnknownSiteAnswers404AndCountsNothing() {
		String siteId = Sessions.newSiteId("made-up");
		Response open = Sessions.tryOpen(this.port, siteId, "post-1");
		assertThat(open.status()).isEqualTo(404);
		assertThat(open.contentType()).startsWith("application/problem+json");
		assertThat(open.json().path("code").asString()).isEqualTo("unknown-site");
		String fake = "AAAAAAAAAAAAAAAA";
		assertThat(Sessions.heartbeat(this.port, siteId, fake, null).status()).isEqualTo(404);
		assertThat(Sessions.beacon(this.port, siteId, fake).status()).isEqualTo(404);
		assertThat(Sessions.delete(this.port, siteId, fake).status()).isEqualTo(404);
		// from a browser on some origin, too
		Response cors = PresenceClient.send(this.port, "POST", "/v1/sites/" + siteId + "/sessions", null,
				headers("Origin", "https://evil.example"));
		assertThat(cors.status()).isEqualTo(404);
		assertThat(Sessions.keysOf(this.redis, siteId)).isEmpty();
	}

	@Test
	void aSessionIsCountedFromItsOpenUntilItsCloseAndClosingTwiceIsFine() {
		String siteId = Sessions.site(this.port, "lifecycle", 5, 30);
		String a = Sessions.open(this.port, siteId);
		String b = Sessions.open(this.port, siteId);
		assertThat(a).isNotEqualTo(b);
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(2);
		assertThat(Sessions.heartbeat(this.port, siteId, a, null).status()).isEqualTo(204);

		Response beacon = Sessions.beacon(this.port, siteId, a);
		assertThat(beacon.status()).as(beacon.body()).isEqualTo(204);
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(1);
		assertThat(Sessions.beacon(this.port, siteId, a).status()).isEqualTo(204);
		// no body and no Content-Type at all, as sendBeacon(url) sends
		assertThat(PresenceClient
			.send(this.port, "POST", "/v1/sites/" + siteId + "/sessions/" + a + "/close", null, headers())
			.status()).isEqualTo(204);
		assertThat(Sessions.delete(this.port, siteId, b).status()).isEqualTo(204);
		assertThat(Sessions.delete(this.port, siteId, b).status()).isEqualTo(204);
		assertThat(Sessions.concurrent(this.port, siteId)).isZero();

		Response late = Sessions.heartbeat(this.port, siteId, a, null);
		assertThat(late.status()).isEqualTo(404);
		assertThat(late.json().path("code").asString()).isEqualTo("session-not-live");
		assertThat(Sessions.heartbeat(this.port, siteId, "BBBBBBBBBBBBBBBB", null).status()).isEqualTo(404);
		assertThat(Sessions.concurrent(this.port, siteId)).isZero();
	}

	@Test
	void aHeartbeatAfterTheTimeoutAsksForANewSession() {
		String siteId = Sessions.site(this.port, "expired");
		String session = Sessions.open(this.port, siteId);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Sessions.concurrent(this.port, siteId) == 0);
		Response late = Sessions.heartbeat(this.port, siteId, session, null);
		assertThat(late.status()).isEqualTo(404);
		assertThat(late.json().path("code").asString()).isEqualTo("session-not-live");
		assertThat(Sessions.concurrent(this.port, siteId)).isZero();
	}

	@Test
	void browsersOnTheSitesOriginsMayCallAndOthersMayNot() {
		String siteId = Sessions.site(this.port, "cors", 5, 30);
		String sessions = "/v1/sites/" + siteId + "/sessions";
		Response preflight = PresenceClient.send(this.port, "OPTIONS", sessions + "/AAAAAAAAAAAAAAAA", null,
				headers("Origin", "https://shop.example", "Access-Control-Request-Method", "DELETE"));
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("DELETE");

		Response refused = PresenceClient.send(this.port, "OPTIONS", sessions, null,
				headers("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

		// a simple request (no preflight) from another origin is refused before it counts
		Response elsewhere = PresenceClient.send(this.port, "POST", sessions, null,
				headers("Origin", "https://evil.example", "User-Agent", Sessions.BROWSER));
		assertThat(elsewhere.status()).isEqualTo(403);
		assertThat(Sessions.concurrent(this.port, siteId)).isZero();

		Response opened = PresenceClient.send(this.port, "POST", sessions, null,
				headers("Origin", "https://shop.example", "User-Agent", Sessions.BROWSER));
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		assertThat(opened.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(1);
		String id = opened.json().path("sessionId").asString();
		Response beacon = PresenceClient.send(this.port, "POST", sessions + "/" + id + "/close", "bye",
				headers("Origin", "https://shop.example", "Content-Type", "text/plain;charset=UTF-8"));
		assertThat(beacon.status()).isEqualTo(204);
		assertThat(Sessions.concurrent(this.port, siteId)).isZero();
	}

}
