package io.headcount.presence.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.SecondInstance;
import io.headcount.presence.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two instances on one Redis Cluster: a subscriber on one sees changes made through the
 * other.
 */
@PresenceIntegrationTest
class CrossInstanceFanOutIntegrationTests {

	static SecondInstance b;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startSecondInstance() {
		b = SecondInstance.start();
	}

	@AfterAll
	static void stopSecondInstance() {
		b.close();
	}

	@Test
	void aSubscriberOnInstanceAGetsChangesMadeThroughInstanceB() {
		String alice = Fixtures.user("alice");
		PresenceClient aliceOnB = new PresenceClient(b.port(), alice);
		PresenceClient bobOnA = new PresenceClient(this.port, Fixtures.user("bob"));
		try (TestSocket watcherOnA = bobOnA.connect()) {
			watcherOnA.subscribe(alice);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> watcherOnA.statusesOf(alice).equals(java.util.List.of("offline")));

			aliceOnB.set("online");
			await().atMost(Duration.ofSeconds(5)).until(() -> watcherOnA.statusesOf(alice).getLast().equals("online"));
			aliceOnB.set("offline");
			await().atMost(Duration.ofSeconds(5)).until(() -> watcherOnA.statusesOf(alice).getLast().equals("offline"));
			try (TestSocket aliceSocketOnB = aliceOnB.connect()) {
				await().atMost(Duration.ofSeconds(5))
					.until(() -> watcherOnA.statusesOf(alice).getLast().equals("online"));
				aliceSocketOnB.status("away");
				await().atMost(Duration.ofSeconds(5))
					.until(() -> watcherOnA.statusesOf(alice).getLast().equals("away"));
				aliceSocketOnB.status("offline");
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(watcherOnA.statusesOf(alice)).containsExactly("offline", "online",
						"offline", "online", "away", "offline"));
		}
	}

	@Test
	void aSubscriberOnInstanceBGetsChangesMadeThroughInstanceA() {
		String carol = Fixtures.user("carol");
		PresenceClient carolOnA = new PresenceClient(this.port, carol);
		PresenceClient daveOnB = new PresenceClient(b.port(), Fixtures.user("dave"));
		try (TestSocket watcherOnB = daveOnB.connect(); TestSocket carolSocketOnA = carolOnA.connect()) {
			watcherOnB.subscribe(carol);
			await().atMost(Duration.ofSeconds(5)).until(() -> watcherOnB.statusesOf(carol).contains("online"));
			carolSocketOnA.status("invisible");
			await().atMost(Duration.ofSeconds(5)).until(() -> watcherOnB.statusesOf(carol).getLast().equals("offline"));
		}
	}

}
