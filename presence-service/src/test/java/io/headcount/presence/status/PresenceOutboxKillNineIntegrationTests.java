package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.PresenceApplication;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceEvents;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two instances, one in its own OS process, each with 20 users who switch their status
 * between online and away as fast as they are answered; the process is killed with
 * SIGKILL mid-run, and every device times out afterwards. Each user's transitions are
 * known: one per answered change, one for a change the kill left unanswered if Redis
 * applied it (the device's field in Redis tells), and the timeout. Kafka must hold
 * exactly that many event ids per user, chained previousStatus to status without a gap.
 */
@PresenceIntegrationTest
class PresenceOutboxKillNineIntegrationTests {

	private static final String DEVICE = "phone";

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Autowired
	OutboxStreams outbox;

	@Autowired
	PresenceProperties properties;

	@Test
	void kafkaHoldsOneEventIdForEveryTransitionAfterAnInstanceIsKilled() throws Exception {
		PresenceShards shards = new PresenceShards(this.properties.shards());
		try (ServiceProcess victim = ServiceProcess.start("presence-service", PresenceApplication.class,
				"presence-outbox-victim", Fixtures.instanceProperties(), "256m")) {
			List<Switcher> onVictim = IntStream.range(0, 20)
				.mapToObj((i) -> new Switcher(new PresenceClient(victim.port(), Fixtures.user("kv" + i))))
				.toList();
			List<Switcher> onSurvivor = IntStream.range(0, 20)
				.mapToObj((i) -> new Switcher(new PresenceClient(this.port, Fixtures.user("ks" + i))))
				.toList();
			List<Switcher> all = new ArrayList<>(onVictim);
			all.addAll(onSurvivor);
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> loops = all.stream().map((s) -> Thread.ofVirtual().start(() -> s.run(stop))).toList();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> onVictim.stream().mapToInt((s) -> s.acknowledged.get()).sum() >= 1500);
			victim.kill9();
			// at once, before the devices time out (2 s): the device's field in Redis is
			// the last change Redis applied
			List<String> fields = onVictim.stream()
				.map((s) -> this.redis.connection().sync().hget(shards.userKey(s.user()), "d:" + DEVICE))
				.toList();
			for (int i = 0; i < onVictim.size(); i++) {
				Switcher switcher = onVictim.get(i);
				loops.get(i).join(Duration.ofSeconds(20));
				switcher.unansweredApplied = switcher.unanswered != null && switcher.unanswered.equals(fields.get(i));
			}
			// the survivor's users go on past the victim's relay lease (3 s)
			await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
			stop.set(true);
			for (Thread loop : loops) {
				loop.join(Duration.ofSeconds(20));
			}

			// each user: its answered changes, the applied unanswered one, the timeout
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> all.stream()
					.allMatch((s) -> distinctIds(s.user()).size() >= s.expected()
							&& PresenceEvents.statusesOf(s.user()).getLast().equals("offline"))
						&& this.outbox.keys().stream().allMatch((k) -> this.redis.connection().sync().xlen(k) == 0));
			// and nothing more arrives
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(3))
				.until(() -> all.stream().allMatch((s) -> distinctIds(s.user()).size() == s.expected()));

			int events = 0;
			int duplicates = 0;
			for (Switcher switcher : all) {
				List<JsonNode> received = PresenceEvents.of(switcher.user());
				List<JsonNode> distinct = new ArrayList<>();
				Set<String> seen = new LinkedHashSet<>();
				for (JsonNode event : received) {
					if (seen.add(event.path("eventId").asString())) {
						distinct.add(event);
					}
				}
				events += received.size();
				duplicates += received.size() - distinct.size();
				String previous = "offline";
				for (JsonNode event : distinct) {
					assertThat(event.path("previousStatus").asString()).as("%s: %s", switcher.user(), distinct)
						.isEqualTo(previous);
					previous = event.path("status").asString();
				}
				assertThat(distinct.getLast().path("reason").asString()).isEqualTo("timed-out");
			}
			int answered = all.stream().mapToInt((s) -> s.acknowledged.get()).sum();
			long unanswered = onVictim.stream().filter((s) -> s.unanswered != null).count();
			long applied = onVictim.stream().filter((s) -> s.unansweredApplied).count();
			System.out.printf(
					"presence kill -9: %d users, %d answered changes, %d unanswered (%d of them applied), "
							+ "%d timeouts; Kafka holds %d events with %d distinct ids (%d duplicates), "
							+ "one per transition, none missing%n",
					all.size(), answered, unanswered, applied, all.size(), events, events - duplicates, duplicates);
		}
	}

	private static Set<String> distinctIds(String user) {
		Set<String> ids = new LinkedHashSet<>();
		PresenceEvents.of(user).forEach((event) -> ids.add(event.path("eventId").asString()));
		return ids;
	}

	/** One user switching one device between online and away, one change at a time. */
	private static final class Switcher {

		final PresenceClient client;

		final AtomicInteger acknowledged = new AtomicInteger();

		volatile String unanswered;

		volatile boolean unansweredApplied;

		Switcher(PresenceClient client) {
			this.client = client;
		}

		String user() {
			return this.client.userId();
		}

		void run(AtomicBoolean stop) {
			while (!stop.get()) {
				String status = (this.acknowledged.get() % 2 == 0) ? "online" : "away";
				try {
					PresenceClient.Response response = this.client.set(status, DEVICE);
					assertThat(response.status()).as("%s: %s", this.user(), response.body()).isEqualTo(200);
					this.acknowledged.incrementAndGet();
				}
				catch (IllegalStateException ex) {
					this.unanswered = status; // the instance is gone
					return;
				}
			}
		}

		/**
		 * Its transitions: one per answered change, the applied unanswered one, the
		 * timeout.
		 */
		int expected() {
			return this.acknowledged.get() + (this.unansweredApplied ? 1 : 0) + 1;
		}

	}

}
