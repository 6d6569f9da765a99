package io.headcount.presence.visitors;

import static io.headcount.presence.visitors.Sessions.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceClient.Response;
import io.headcount.presence.support.PresenceIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13 item 9: bad ids, oversized bodies, bad site configurations and too many opens
 * from one address are refused with a 4xx problem detail, and none of them counts
 * anything.
 */
@PresenceIntegrationTest
// an open limit low enough that the flood reaches it however slowly this machine answers
@TestPropertySource(properties = { "headcount.visitors.opens-per-second-per-address=2",
		"headcount.visitors.open-burst-per-address=30", "headcount.rate-limit.enabled=true",
		"headcount.rate-limit.writes-per-second=5", "headcount.rate-limit.burst=40" })
// the flood runs last: it empties 127.0.0.1's bucket, which refills at 2 opens a second
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VisitorsRefusalIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Test
	void badIdsAreRefusedWith400AndCountNothing() {
		String siteId = Sessions.site(this.port, "ids", 5, 30);
		String session = Sessions.open(this.port, siteId);
		for (String badSite : List.of("bad!site", "s".repeat(65), "caf%C3%A9", "a%20b")) {
			assertProblem(Sessions.tryOpen(this.port, badSite, null), 400);
		}
		for (String badSession : List.of("short", "x".repeat(17), "AAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAA.")) {
			assertProblem(Sessions.heartbeat(this.port, siteId, badSession, null), 400);
			assertProblem(Sessions.delete(this.port, siteId, badSession), 400);
		}
		for (String badObject : List.of("has%20space", "o".repeat(129), "quote%22", "back%5Cslash", "")) {
			assertProblem(Sessions.tryOpen(this.port, siteId, badObject), 400);
			assertProblem(Sessions.heartbeat(this.port, siteId, session, badObject), 400);
		}
		assertProblem(PresenceClient.send(this.port, "GET", "/v1/sites/" + siteId + "/visitors?top=1000", null,
				headers("Authorization", "Bearer " + Sessions.ADMIN)), 400);
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(1);
		assertThat(Sessions.visitors(this.port, siteId, null).path("top").size()).isZero();
	}

	@Test
	void badConfigurationsAndOversizedBodiesAreRefused() {
		String siteId = Sessions.newSiteId("config-refused");
		for (String body : List.of("{}",
				"{\"allowedOrigins\":[\"https://a.example/path\"],\"heartbeatSeconds\":5,"
						+ "\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}",
				"{\"allowedOrigins\":[\"*\"],\"heartbeatSeconds\":5,\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}",
				"{\"allowedOrigins\":[],\"heartbeatSeconds\":30,\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}",
				"{\"allowedOrigins\":[],\"heartbeatSeconds\":0,\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}",
				"{\"allowedOrigins\":[],\"heartbeatSeconds\":\"5\",\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}",
				"{\"allowedOrigins\":[],\"heartbeatSeconds\":5,\"sessionTimeoutSeconds\":90000,\"inactivitySeconds\":60}",
				"[]", "not json")) {
			assertProblem(Sessions.configure(this.port, siteId, Sessions.ADMIN, body), 400);
		}
		String many = "{\"allowedOrigins\":[" + "\"https://a.example\",".repeat(50)
				+ "\"https://b.example\"],\"heartbeatSeconds\":5,\"sessionTimeoutSeconds\":30,\"inactivitySeconds\":60}";
		assertProblem(Sessions.configure(this.port, siteId, Sessions.ADMIN, many), 400);
		assertProblem(Sessions.configure(this.port, siteId, Sessions.ADMIN,
				"{\"allowedOrigins\":[\"" + "x".repeat(70_000) + "\"]}"), 413);
		assertThat(Sessions.tryOpen(this.port, siteId, null).status()).isEqualTo(404);

		String site = Sessions.site(this.port, "beacon-big", 5, 30);
		String session = Sessions.open(this.port, site);
		Response big = PresenceClient.send(this.port, "POST", "/v1/sites/" + site + "/sessions/" + session + "/close",
				"x".repeat(100_000), headers("Content-Type", "text/plain"));
		assertProblem(big, 413);
		assertThat(Sessions.concurrent(this.port, site)).isEqualTo(1);
		assertThat(Sessions.keysOf(this.redis, siteId)).isEmpty();
	}

	@Test
	@Order(Integer.MAX_VALUE - 1)
	void heartbeatsSpendTheirSessionsWriteBudgetNotTheirAddresss() {
		String siteId = Sessions.site(this.port, "nat", 5, 60);
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			sessions.add(Sessions.open(this.port, siteId));
		}
		// 60 heartbeats from one address, more than its burst of 40: each session's own
		// budget, so all pass (a thousand pages behind one NAT address)
		for (int round = 0; round < 4; round++) {
			for (String session : sessions) {
				assertThat(Sessions.heartbeat(this.port, siteId, session, null).status()).isEqualTo(204);
			}
		}
		// one session past its own budget is refused, the others are not
		String flooding = sessions.getFirst();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			statuses.add(Sessions.heartbeat(this.port, siteId, flooding, null).status());
		}
		assertThat(statuses).contains(429);
		assertThat(Sessions.heartbeat(this.port, siteId, sessions.get(1), null).status()).isEqualTo(204);
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(15);
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void tooManyOpensFromOneAddressGet429WithRetryAfterAndCountNothing() throws Exception {
		String siteId = Sessions.site(this.port, "flood", 5, 30);
		List<Response> answers = new ArrayList<>();
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			List<Future<Response>> sent = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				sent.add(clients.submit(() -> Sessions.tryOpen(this.port, siteId, null)));
			}
			for (Future<Response> answer : sent) {
				answers.add(answer.get());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long opened = answers.stream().filter((r) -> r.status() == 201).count();
		// the burst of 30, plus 2 a second while the flood ran, plus what refilled since
		// the earlier tests
		assertThat(opened).isBetween(1L, 30 + (long) Math.ceil(2 * seconds) + 1);
		List<Response> refused = answers.stream().filter((r) -> r.status() == 429).toList();
		assertThat(opened + refused.size()).isEqualTo(300);
		assertThat(refused).isNotEmpty().allSatisfy((r) -> {
			assertProblem(r, 429);
			assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
		});
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(opened);
		System.out.printf("visitors open limit: 300 opens from one address, %d opened, %d refused with 429%n", opened,
				refused.size());
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
		assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
	}

}
