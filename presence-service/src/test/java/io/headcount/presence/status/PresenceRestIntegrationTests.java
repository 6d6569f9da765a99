package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.stream.IntStream;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient.Response;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceEvents;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API against the real Redis Cluster and Kafka: statuses, timeouts, devices, bad
 * input.
 */
@PresenceIntegrationTest
class PresenceRestIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Autowired
	PresenceStore store;

	@Autowired
	PresenceProperties properties;

	PresenceClient alice;

	PresenceClient bob;

	@BeforeEach
	void users() {
		this.alice = new PresenceClient(this.port, Fixtures.user("alice"));
		this.bob = new PresenceClient(this.port, Fixtures.user("bob"));
	}

	@Test
	void aStatusSetIsSeenByOthersWithLastActiveTime() {
		Response set = this.alice.set("away");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(set.json().path("status").asString()).isEqualTo("away");

		JsonNode seen = this.bob.viewOf(this.alice.userId());
		assertThat(seen.path("status").asString()).isEqualTo("away");
		assertThat(Instant.parse(seen.path("lastActiveAt").asString())).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
		assertThat(this.bob.statusOf(Fixtures.user("nobody"))).isEqualTo("offline");
	}

	@Test
	void invisibleIsOfflineToOthersWithTheLastPublicLastActiveTime() {
		this.alice.set("online");
		String publicLastActive = this.bob.viewOf(this.alice.userId()).path("lastActiveAt").asString();
		await().atMost(Duration.ofSeconds(2))
			.until(() -> Instant.now().isAfter(Instant.parse(publicLastActive).plusMillis(20)));

		assertThat(this.alice.set("invisible").json().path("status").asString()).isEqualTo("invisible");
		this.alice.heartbeat(null);

		JsonNode seen = this.bob.viewOf(this.alice.userId());
		assertThat(seen.path("status").asString()).isEqualTo("offline");
		assertThat(seen.path("lastActiveAt").asString()).isEqualTo(publicLastActive);
		JsonNode self = this.alice.send("GET", "/v1/presence/me", null).json();
		assertThat(self.path("status").asString()).isEqualTo("invisible");
		assertThat(self.path("lastActiveAt").asString()).isNotEqualTo(publicLastActive);
	}

	@Test
	void withoutHeartbeatsAUserGoesOfflineAfterTheTimeout() {
		this.alice.heartbeat("phone");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("online");
		Instant start = Instant.now();
		await().atMost(Fixtures.TIMEOUT.plusSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.bob.statusOf(this.alice.userId()).equals("offline"));
		assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Fixtures.TIMEOUT.minusMillis(200));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(PresenceEvents.of(this.alice.userId()))
				.extracting((e) -> e.path("status").asString(), (e) -> e.path("reason").asString())
				.containsExactly(org.assertj.core.groups.Tuple.tuple("online", "heartbeat"),
						org.assertj.core.groups.Tuple.tuple("offline", "timed-out")));
	}

	@Test
	void heartbeatsWithinTheTimeoutKeepAUserOnlineWithoutTransitions() {
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		try {
			// every 700 ms: later than d, within d + 2δ
			heartbeats.scheduleAtFixedRate(() -> this.alice.heartbeat("laptop"), 0, 700, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(2)).until(() -> this.bob.statusOf(this.alice.userId()).equals("online"));
			await().during(Fixtures.TIMEOUT.multipliedBy(3))
				.atMost(Fixtures.TIMEOUT.multipliedBy(4))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.bob.statusOf(this.alice.userId()).equals("online"));
		}
		finally {
			heartbeats.shutdownNow();
		}
		this.alice.set("offline", "laptop");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(PresenceEvents.statusesOf(this.alice.userId())).containsExactly("online",
					"offline"));
	}

	@Test
	void aUserIsOnlineWhileAnyDeviceIs() {
		this.alice.set("online", "phone");
		this.alice.set("away", "laptop");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("online");

		this.alice.set("offline", "phone");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("away");

		this.alice.set("offline", "laptop");
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("offline");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(PresenceEvents.statusesOf(this.alice.userId())).containsExactly("online",
					"away", "offline"));
	}

	@Test
	void everyTransitionGoesToKafkaKeyedByUser() {
		this.alice.set("online");
		this.alice.set("away");
		this.alice.set("invisible");
		this.alice.set("online");
		this.alice.set("offline");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<JsonNode> events = PresenceEvents.of(this.alice.userId());
			assertThat(events).extracting((e) -> e.path("status").asString())
				.containsExactly("online", "away", "invisible", "online", "offline");
			assertThat(events).extracting((e) -> e.path("previousStatus").asString())
				.containsExactly("offline", "online", "away", "invisible", "online");
			assertThat(events).allSatisfy((e) -> {
				assertThat(e.path("type").asString()).isEqualTo("PresenceChanged");
				assertThat(e.path("deviceId").asString()).isEqualTo("default");
			});
		});
	}

	@Test
	void lastActiveTimesAreKeptForTheConfiguredTtlOfSevenDaysByDefault() throws Exception {
		assertThat(this.properties.lastActiveTtl()).isEqualTo(Duration.ofDays(7));
		this.alice.set("online");
		this.alice.set("offline");
		long ttl = this.redis.async().ttl(this.store.shards().userKey(this.alice.userId())).get();
		assertThat(ttl).isBetween(Duration.ofDays(7).toSeconds() - 60, Duration.ofDays(7).toSeconds());
		assertThat(this.bob.viewOf(this.alice.userId()).path("lastActiveAt").isNull()).isFalse();
	}

	@Test
	void theSeedsShapeIsAnAliasForTheCaller() {
		Response ok = this.alice.send("PUT", "/users/presence",
				"{\"user_id\":\"" + this.alice.userId() + "\",\"presence\":\"online\"}");
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("online");

		Response forbidden = this.alice.send("PUT", "/users/presence",
				"{\"user_id\":\"" + this.bob.userId() + "\",\"presence\":\"online\"}");
		assertProblem(forbidden, 403);
		assertThat(this.alice.statusOf(this.bob.userId())).isEqualTo("offline");
	}

	@Test
	void unknownStatusIsABadRequestAndChangesNothing() {
		this.alice.set("away");
		assertProblem(this.alice.set("busy"), 400);
		assertProblem(this.alice.send("PUT", "/v1/presence/me", "{\"status\":"), 400);
		assertProblem(this.alice.send("PUT", "/v1/presence/me", "{}"), 400);
		assertProblem(this.alice.set("online", "bad|device"), 400);
		assertProblem(this.alice.send("PUT", "/users/presence",
				"{\"user_id\":\"" + this.alice.userId() + "\",\"presence\":\"busy\"}"), 400);
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("away");
		assertThat(this.alice.heartbeat("no%7Cpipes").status()).isEqualTo(400);
	}

	@Test
	void atMostFiveHundredUsersPerQuery() {
		List<String> ids = new ArrayList<>(IntStream.range(0, 500).mapToObj((i) -> "u" + i).toList());
		Response ok = this.bob.read(ids);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.json().path("users").size()).isEqualTo(500);
		ids.add("one-too-many");
		assertProblem(this.bob.read(ids), 400);
		assertProblem(this.bob.send("GET", "/v1/presence", null), 400);
	}

	@Test
	void missingExpiredOrForgedTokensAreUnauthorizedAndChangeNothing() {
		String body = "{\"status\":\"online\"}";
		assertProblem(this.alice.send("PUT", "/v1/presence/me", body, null), 401);
		String expired = Tokens.mint(Fixtures.SECRET, this.alice.userId(), Duration.ofSeconds(-120));
		assertProblem(this.alice.send("PUT", "/v1/presence/me", body, "Bearer " + expired), 401);
		String forged = Tokens.mint("another-secret-another-secret-another-secret", this.alice.userId(),
				Duration.ofHours(1));
		assertProblem(this.alice.send("PUT", "/v1/presence/me", body, "Bearer " + forged), 401);
		assertProblem(this.alice.send("PUT", "/v1/presence/me", body, "Bearer not.a.jwt"), 401);
		assertThat(this.bob.statusOf(this.alice.userId())).isEqualTo("offline");
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
	}

}
