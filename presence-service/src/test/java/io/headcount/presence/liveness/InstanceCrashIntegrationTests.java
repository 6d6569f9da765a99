package io.headcount.presence.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.headcount.presence.PresenceApplication;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.TestSocket;
import io.headcount.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two instances, one in its own OS process. Its users (WebSocket and REST heartbeat ones)
 * go offline within the timeout + 5 s after a kill -9 of that process, detected by the
 * surviving instance from the deadlines in Redis; nobody stays online as a ghost.
 */
@PresenceIntegrationTest
class InstanceCrashIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void usersOfAKilledInstanceGoOfflineWithinTheTimeoutPlusFiveSecondsViaTheOther() throws Exception {
		List<String> users = new ArrayList<>();
		List<TestSocket> sockets = new ArrayList<>();
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		PresenceClient watcher = new PresenceClient(this.port, Fixtures.user("watcher"));
		try (ServiceProcess doomed = ServiceProcess.start("presence-service", PresenceApplication.class, "doomed",
				Fixtures.instanceProperties(), "256m"); TestSocket watcherSocket = watcher.connect()) {
			List<PresenceClient> socketUsers = IntStream.range(0, 20)
				.mapToObj((i) -> new PresenceClient(doomed.port(), Fixtures.user("ws" + i)))
				.toList();
			List<PresenceClient> restUsers = IntStream.range(0, 20)
				.mapToObj((i) -> new PresenceClient(doomed.port(), Fixtures.user("rest" + i)))
				.toList();
			socketUsers.forEach((u) -> {
				users.add(u.userId());
				sockets.add(u.connect());
			});
			restUsers.forEach((u) -> users.add(u.userId()));
			heartbeats.scheduleAtFixedRate(() -> restUsers.forEach((u) -> u.heartbeat("phone")), 0, 500,
					TimeUnit.MILLISECONDS);
			watcherSocket.subscribe(users.toArray(String[]::new));
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(users)
					.allSatisfy((u) -> assertThat(watcherSocket.statusesOf(u)).contains("online")));
			// alive past several timeouts while the process lives
			await().during(Fixtures.TIMEOUT.multipliedBy(2))
				.atMost(Fixtures.TIMEOUT.multipliedBy(3))
				.until(() -> online(watcher, users) == users.size());

			heartbeats.shutdownNow(); // the REST clients' heartbeats went to the dead
										// instance too
			Instant killed = Instant.now();
			doomed.kill9();

			Duration limit = Fixtures.TIMEOUT.plusSeconds(5);
			await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> online(watcher, users) == 0);
			Duration took = Duration.between(killed, Instant.now());
			assertThat(took).isLessThanOrEqualTo(limit);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(users)
					.allSatisfy((u) -> assertThat(watcherSocket.statusesOf(u)).endsWith("offline")));
			// no ghosts: still all offline a while later
			await().during(Fixtures.TIMEOUT)
				.atMost(Fixtures.TIMEOUT.plusSeconds(1))
				.until(() -> online(watcher, users) == 0);
			System.out.printf("kill -9: %d users offline %d ms after the kill (limit %d ms)%n", users.size(),
					took.toMillis(), limit.toMillis());
		}
		finally {
			heartbeats.shutdownNow();
			sockets.forEach(TestSocket::abort);
		}
	}

	private static long online(PresenceClient watcher, List<String> users) {
		var body = watcher.read(users).json();
		long online = 0;
		for (var user : body.path("users")) {
			if (!user.path("status").asString().equals("offline")) {
				online++;
			}
		}
		return online;
	}

}
