package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 item 4 with two instances, one in its own OS process that is killed with
 * SIGKILL while both serve heartbeats and sweep: every session of the run, opened on
 * either, ends with exactly one VisitorSessionClosed in Kafka (timed out, at its last
 * activity), none is counted past its timeout, and the count reaches zero.
 */
@PresenceIntegrationTest
class VisitorsKillNineIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyExpiredSessionEndsExactlyOnceAcrossInstancesWhenOneIsKilled() throws Exception {
		String siteId = Sessions.site(this.port, "kill9", 1, 6);
		// 6 s: opening the 200 sessions one by one must not outlast the first ones
		ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(2);
		List<String> all = new ArrayList<>();
		try (ServiceProcess victim = ServiceProcess.start("presence-service", PresenceApplication.class,
				"visitors-victim", Fixtures.instanceProperties(), "256m")) {
			List<String> onVictim = IntStream.range(0, 100)
				.mapToObj((i) -> Sessions.open(victim.port(), siteId, "page-" + (i % 7)))
				.toList();
			List<String> onSurvivor = IntStream.range(0, 100)
				.mapToObj((i) -> Sessions.open(this.port, siteId, "page-" + (i % 7)))
				.toList();
			all.addAll(onVictim);
			all.addAll(onSurvivor);
			// heartbeats for the victim's sessions go to the victim until it dies
			heartbeats.scheduleAtFixedRate(() -> onVictim.forEach((s) -> {
				if (victim.isAlive()) {
					try {
						Sessions.heartbeat(victim.port(), siteId, s, null);
					}
					catch (IllegalStateException ex) {
						// killed mid-request
					}
				}
			}), 0, 500, TimeUnit.MILLISECONDS);
			heartbeats.scheduleAtFixedRate(
					() -> onSurvivor.forEach((s) -> Sessions.heartbeat(this.port, siteId, s, null)), 0, 500,
					TimeUnit.MILLISECONDS);
			await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
			assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(200);
			victim.kill9();
			long killed = System.nanoTime();
			// the victim's sessions time out (6 s) on the survivor's sweeps and counts
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Sessions.concurrent(this.port, siteId) == 100);
			long zeroMillis = (System.nanoTime() - killed) / 1_000_000;
			heartbeats.shutdownNow();
			heartbeats.awaitTermination(5, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Sessions.concurrent(this.port, siteId) == 0);

			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				for (String session : all) {
					List<JsonNode> events = SessionEvents.ofSession(siteId, session);
					assertThat(SessionEvents.distinct(events, "VisitorSessionOpened")).as(session).isEqualTo(1);
					assertThat(SessionEvents.distinct(events, "VisitorSessionClosed")).as(session).isEqualTo(1);
				}
			});
			// and no second close arrives later
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(4))
				.until(() -> all.stream()
					.allMatch((s) -> SessionEvents.distinct(SessionEvents.ofSession(siteId, s),
							"VisitorSessionClosed") == 1));
			int duplicates = 0;
			long openBytes = 0;
			long closeBytes = 0;
			for (String session : all) {
				List<JsonNode> events = SessionEvents.ofSession(siteId, session);
				duplicates += events.size() - 2;
				openBytes += bytes(events, "VisitorSessionOpened");
				closeBytes += bytes(events, "VisitorSessionClosed");
				JsonNode close = events.stream()
					.filter((e) -> e.path("type").asString().equals("VisitorSessionClosed"))
					.findFirst()
					.orElseThrow();
				assertThat(close.path("reason").asString()).isEqualTo("timed-out");
				Instant last = Instant.parse(close.path("lastActivityAt").asString());
				Instant at = Instant.parse(close.path("occurredAt").asString());
				assertThat(Duration.between(last, at)).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
			}
			System.out
				.printf("visitors kill -9: %d sessions (100 on the killed instance), the killed instance's 100 no "
						+ "longer counted %d ms after the kill (6 s timeout); Kafka: one open and one timed-out "
						+ "close per session, %d re-sent duplicates with the same ids; JSON values: open %d B, close %d B "
						+ "on average%n", all.size(), zeroMillis, duplicates, openBytes / all.size(),
						closeBytes / all.size());
		}
		finally {
			heartbeats.shutdownNow();
		}
	}

	/** The size of a session's first event of a type, as Kafka holds it (UTF-8 JSON). */
	private static int bytes(List<JsonNode> events, String type) {
		return events.stream()
			.filter((e) -> type.equals(e.path("type").asString()))
			.findFirst()
			.orElseThrow()
			.toString()
			.getBytes(StandardCharsets.UTF_8).length;
	}

}
