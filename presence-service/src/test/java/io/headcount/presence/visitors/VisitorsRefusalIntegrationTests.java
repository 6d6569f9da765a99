package io.headcount.presence.visitors;

import static io.headcount.presence.visitors.Sessions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceClient.Response;
import io.headcount.presence.support.PresenceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 item 9: bad ids, oversized bodies, bad site configurations and too many opens
 * from one address are refused with a 4xx problem detail, and none of them counts
 * anything.
 */
@PresenceIntegrationTest
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
	void tooManyOpensFromOneAddressGet429WithRetryAfterAndCountNothing() throws Exception {
		String siteId = Sessions.site(this.port, "flood", 5, 30);
		List<Response> answers = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			List<Future<Response>> sent = new ArrayList<>();
			for (int i = 0; i < 1500; i++) {
				sent.add(clients.submit(() -> Sessions.tryOpen(this.port, siteId, null)));
			}
			for (Future<Response> answer : sent) {
				answers.add(answer.get());
			}
		}
		long opened = answers.stream().filter((r) -> r.status() == 201).count();
		List<Response> refused = answers.stream().filter((r) -> r.status() == 429).toList();
		assertThat(opened + refused.size()).isEqualTo(1500);
		assertThat(refused).isNotEmpty().allSatisfy((r) -> {
			assertProblem(r, 429);
			assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
		});
		assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(opened);
		System.out.printf("visitors open limit: 1500 opens from one address, %d opened, %d refused with 429%n", opened,
				refused.size());
		// the next test opens from the same address: its bucket refills (400 at 200/s)
		await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
		assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
	}

}
