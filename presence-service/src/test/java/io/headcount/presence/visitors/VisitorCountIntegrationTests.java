package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 items 3 and 4 on one instance: the count, per object and the top objects, over
 * REST and pushed over WebSocket; exact over the sliding timeout, compared with Redis's
 * own clock.
 */
@PresenceIntegrationTest
class VisitorCountIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Autowired
	VisitorStore store;

	@Autowired
	Visitors visitors;

	@Test
	void sessionsAreCountedPerObjectAndMoveWithoutANewSession() {
		String siteId = Sessions.site(this.port, "objects", 5, 30);
		List<String> onFirst = IntStream.range(0, 5)
			.mapToObj((i) -> Sessions.open(this.port, siteId, "post-1"))
			.toList();
		List<String> onSecond = IntStream.range(0, 3)
			.mapToObj((i) -> Sessions.open(this.port, siteId, "/blog/post-2"))
			.toList();
		Sessions.open(this.port, siteId);
		Sessions.open(this.port, siteId);

		JsonNode count = Sessions.visitors(this.port, siteId, "object=post-1");
		assertThat(count.path("concurrent").asLong()).isEqualTo(10);
		assertThat(count.path("object").path("objectId").asString()).isEqualTo("post-1");
		assertThat(count.path("object").path("concurrent").asLong()).isEqualTo(5);
		assertThat(top(count)).containsExactly("post-1=5", "/blog/post-2=3");
		assertThat(Instant.parse(count.path("asOf").asString())).isCloseTo(Instant.now(),
				within(5, ChronoUnit.SECONDS));

		assertThat(Sessions.heartbeat(this.port, siteId, onFirst.get(0), "/blog/post-2").status()).isEqualTo(204);
		assertThat(Sessions.heartbeat(this.port, siteId, onFirst.get(1), "/blog/post-2").status()).isEqualTo(204);
		// a heartbeat without an object keeps the session where it is
		assertThat(Sessions.heartbeat(this.port, siteId, onFirst.get(2), null).status()).isEqualTo(204);
		assertThat(top(Sessions.visitors(this.port, siteId, null))).containsExactly("/blog/post-2=5", "post-1=3");
		assertThat(Sessions.beacon(this.port, siteId, onSecond.get(0)).status()).isEqualTo(204);
		JsonNode after = Sessions.visitors(this.port, siteId, "object=/blog/post-2&top=1");
		assertThat(after.path("concurrent").asLong()).isEqualTo(9);
		assertThat(after.path("object").path("concurrent").asLong()).isEqualTo(4);
		assertThat(top(after)).containsExactly("/blog/post-2=4");
		assertThat(
				Sessions.visitors(this.port, siteId, "object=nobody-here").path("object").path("concurrent").asLong())
			.isZero();
	}

	@Test
	void watchersGetTheCountPushedInEverySecondItChangesAndOnlyThen() throws Exception {
		String siteId = Sessions.site(this.port, "push", 5, 30);
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/sites/" + siteId + "/visitors?object=post-9");
		String reader = Tokens.mint(Fixtures.SECRET, "dashboard", Duration.ofHours(1), "site-reader:" + siteId);
		try (JsonWebSocket admin = JsonWebSocket.to(uri).bearer(Sessions.ADMIN).open();
				JsonWebSocket dashboard = JsonWebSocket.to(uri).bearer(reader).open()) {
			JsonNode first = admin.awaitFrame(JsonWebSocket.type("visitors"), Duration.ofSeconds(5));
			assertThat(first.path("siteId").asString()).isEqualTo(siteId);
			assertThat(first.path("concurrent").asLong()).isZero();
			dashboard.awaitFrame(JsonWebSocket.type("visitors"), Duration.ofSeconds(5));

			long opened = System.nanoTime();
			Sessions.open(this.port, siteId, "post-9");
			Sessions.open(this.port, siteId);
			JsonNode two = admin.awaitFrame((f) -> f.path("concurrent").asLong() == 2, Duration.ofSeconds(5));
			long lagMillis = (System.nanoTime() - opened) / 1_000_000;
			assertThat(two.path("object").path("concurrent").asLong()).isEqualTo(1);
			assertThat(two.path("top").path(0).path("objectId").asString()).isEqualTo("post-9");
			dashboard.awaitFrame((f) -> f.path("concurrent").asLong() == 2, Duration.ofSeconds(5));
			// nothing changes for three seconds: nothing more is sent
			int frames = admin.ofType("visitors").size();
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> admin.ofType("visitors").size() == frames);
			System.out.printf("visitors push: the count of 2 reached the watcher %d ms after the opens%n", lagMillis);
		}

		String otherReader = Tokens.mint(Fixtures.SECRET, "dashboard", Duration.ofHours(1), "site-reader:another");
		assertThat(handshakeStatus(uri, otherReader)).isEqualTo(403);
		assertThat(handshakeStatus(
				URI.create("ws://127.0.0.1:" + this.port + "/ws/sites/" + Sessions.newSiteId("none") + "/visitors"),
				Sessions.ADMIN))
			.isEqualTo(404);
	}

	@Test
	void theCountIsExactOverTheSlidingTimeoutByRedisTime() throws Exception {
		String siteId = Sessions.site(this.port, "exact", 1, 3);
		List<String> kept = IntStream.range(0, 10).mapToObj((i) -> Sessions.open(this.port, siteId)).toList();
		List<String> dropped = IntStream.range(0, 10).mapToObj((i) -> Sessions.open(this.port, siteId)).toList();
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		try {
			heartbeats.scheduleAtFixedRate(() -> kept.forEach((s) -> Sessions.heartbeat(this.port, siteId, s, null)), 0,
					300, TimeUnit.MILLISECONDS);
			// the dropped sessions' last activity, by Redis's clock
			VisitorShards shards = new VisitorShards(16);
			long newest = 0;
			for (String session : dropped) {
				Double score = this.redis.connection()
					.sync()
					.zscore(VisitorShards.sessions(shards.of(session), siteId), session);
				assertThat(score).isNotNull();
				newest = Math.max(newest, score.longValue());
			}
			long oldest = Long.MAX_VALUE;
			for (String session : dropped) {
				oldest = Math.min(oldest,
						this.redis.connection()
							.sync()
							.zscore(VisitorShards.sessions(shards.of(session), siteId), session)
							.longValue());
			}
			List<long[]> samples = new ArrayList<>();
			Site site = this.visitors.sites().require(siteId);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < until) {
				// the store's count: it says when its first and its last shard counted
				VisitorStore.Count count = this.store.count(site, null, 0).get(10, TimeUnit.SECONDS);
				samples.add(new long[] { count.firstShardAt().toEpochMilli(), count.asOf().toEpochMilli(),
						count.concurrent() });
			}
			long timeout = 3000;
			int before = 0;
			int after = 0;
			for (long[] sample : samples) {
				if (sample[1] < oldest + timeout) {
					before++;
					assertThat(sample[2])
						.as("at %d..%d, before the first dropped session's timeout", sample[0], sample[1])
						.isEqualTo(20);
				}
				// live while last activity >= now - timeout (visitors.lua): at exactly
				// newest + timeout
				// the last dropped session still counts, so "after" starts one
				// millisecond later
				else if (sample[0] > newest + timeout) {
					after++;
					assertThat(sample[2])
						.as("at %d..%d, after the last dropped session's timeout", sample[0], sample[1])
						.isEqualTo(10);
				}
			}
			assertThat(before).isPositive();
			assertThat(after).isPositive();
			System.out.printf("visitors exactness: %d counts read, %d before and %d after the timeout, all exact%n",
					samples.size(), before, after);
		}
		finally {
			heartbeats.shutdownNow();
		}
		kept.forEach((s) -> Sessions.delete(this.port, siteId, s));
		// every dropped session ended once, timed out, at its last activity
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			for (String session : dropped) {
				List<JsonNode> events = SessionEvents.ofSession(siteId, session);
				assertThat(SessionEvents.distinct(events, "VisitorSessionOpened")).isEqualTo(1);
				assertThat(SessionEvents.distinct(events, "VisitorSessionClosed")).isEqualTo(1);
				assertThat(events.getLast().path("reason").asString()).isEqualTo("timed-out");
			}
			for (String session : kept) {
				List<JsonNode> events = SessionEvents.ofSession(siteId, session);
				assertThat(SessionEvents.distinct(events, "VisitorSessionClosed")).isEqualTo(1);
				assertThat(events.getLast().path("reason").asString()).isEqualTo("client");
			}
		});
	}

	private static List<String> top(JsonNode count) {
		return count.path("top")
			.values()
			.stream()
			.map((o) -> o.path("objectId").asString() + "=" + o.path("concurrent").asLong())
			.toList();
	}

	private static int handshakeStatus(URI uri, String token) throws InterruptedException {
		try {
			JsonWebSocket.to(uri).bearer(token).openAsync().get(10, TimeUnit.SECONDS).close();
			return 101;
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof WebSocketHandshakeException handshake) {
				return handshake.getResponse().statusCode();
			}
			throw new AssertionError("handshake failed otherwise", ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no handshake answer", ex);
		}
	}

}
