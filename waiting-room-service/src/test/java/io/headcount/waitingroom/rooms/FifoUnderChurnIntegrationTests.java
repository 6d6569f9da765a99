package io.headcount.waitingroom.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.headcount.devstack.DevStack;
import io.headcount.testsupport.ServiceProcess;
import io.headcount.testsupport.TopicReader;
import io.headcount.waitingroom.WaitingRoomApplication;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomAudit;
import io.headcount.waitingroom.support.RoomClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three instances (separate processes) run the admission loop on one room together while
 * users join, heartbeat, leave, fall silent and run out of shopping time through all
 * three. The admitted order is read back from Kafka: zero FIFO violations, the shop never
 * above capacity, and a freed place taken within 1 s (p99).
 */
class FifoUnderChurnIntegrationTests {

	static final int CAPACITY = 5;

	static final int USERS = 150;

	@Test
	void threeInstancesAdmittingUnderChurnKeepStrictFifoAndTheCapacity() throws Exception {
		DevStack stack = DevStack.shared();
		String room = Fixtures.roomId("fifo");
		List<ServiceProcess> instances = new ArrayList<>();
		try (TopicReader events = TopicReader.from(stack.kafkaBootstrapServers(), "headcount.waiting-room-events")) {
			List<Thread> starting = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				String name = "fifo-" + i;
				starting.add(Thread.ofPlatform().start(() -> {
					ServiceProcess instance = ServiceProcess.start("waiting-room-service", WaitingRoomApplication.class,
							name, Fixtures.instanceProperties(), "256m");
					synchronized (instances) {
						instances.add(instance);
					}
				}));
			}
			for (Thread thread : starting) {
				thread.join();
			}
			assertThat(instances).hasSize(3);
			int[] ports = instances.stream().mapToInt(ServiceProcess::port).toArray();
			RoomClient.admin(ports[0]).putRoom(room, CAPACITY, 10_000, 2, 2).expect(200);
			// every instance signs with the configured key: a token of one verifies on
			// another
			String token = RoomClient.user(ports[0], room + "-first")
				.join(room)
				.expect(200)
				.body()
				.path("admissionToken")
				.asString();
			assertThat(RoomClient.user(ports[2], "webshop")
				.send("POST", "/v1/admission-tokens/verify",
						RoomClient.json.writeValueAsString(java.util.Map.of("token", token)))
				.expect(200)
				.body()
				.path("valid")
				.asBoolean()).isTrue();

			AtomicInteger behaviours = new AtomicInteger();
			List<Thread> users = new ArrayList<>();
			for (int u = 0; u < USERS; u++) {
				String userId = room + "-u" + u;
				int behaviour = behaviours.getAndIncrement() % 4;
				users.add(Thread.ofVirtual().start(() -> shop(room, userId, behaviour, ports)));
				Thread.sleep(ThreadLocalRandom.current().nextInt(10, 60));
			}
			for (Thread user : users) {
				user.join(Duration.ofSeconds(120));
			}
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				JsonNode live = RoomClient.user(ports[1], "reader").room(room).expect(200).body().path("live");
				assertThat(live.path("waiting").asLong()).isZero();
				assertThat(live.path("active").asLong()).isZero();
			});
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				RoomAudit audit = RoomAudit.of(events.withKey(room));
				assertThat(audit.counts.getOrDefault("ShopperJoined", 0)).isGreaterThanOrEqualTo(USERS + 1);
				int ended = audit.counts.getOrDefault("ShopperLeft", 0)
						+ audit.counts.getOrDefault("ShopperEvicted", 0);
				assertThat(ended).isEqualTo(audit.counts.get("ShopperJoined"));
			});
			RoomAudit audit = RoomAudit.of(events.withKey(room));
			System.out.printf(
					"FIFO under churn, 3 instances: %d joins, %d admissions, %s; FIFO violations %d; max active %d of %d; "
							+ "freed place -> next admitted p50 %d ms, p99 %d ms, max %d ms (%d samples)%n",
					audit.counts.get("ShopperJoined"), audit.admissions, audit.counts, audit.fifoViolations.size(),
					audit.maxActive, CAPACITY, RoomAudit.percentile(audit.refillMillis, 50),
					RoomAudit.percentile(audit.refillMillis, 99), RoomAudit.percentile(audit.refillMillis, 100),
					audit.refillMillis.size());
			assertThat(audit.fifoViolations).isEmpty();
			assertThat(audit.maxActive).isLessThanOrEqualTo(CAPACITY);
			// how many get in depends on how fast the machine lets the users heartbeat
			assertThat(audit.admissions).isGreaterThan(USERS / 5);
			assertThat(audit.refillMillis).hasSizeGreaterThan(20);
			assertThat(RoomAudit.percentile(audit.refillMillis, 99)).isLessThanOrEqualTo(1000);
		}
		finally {
			instances.forEach(ServiceProcess::close);
		}
	}

	/**
	 * One user's churn: 0 shops until the shopping time is up, 1 leaves the shop early, 2
	 * gives up waiting, 3 falls silent (times out waiting or shopping).
	 */
	private static void shop(String room, String userId, int behaviour, int[] ports) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		RoomClient client = RoomClient.user(ports[random.nextInt(ports.length)], userId);
		RoomClient.Response joined = client.join(room);
		if (joined.status() != 200) {
			return;
		}
		long started = System.nanoTime();
		long patience = Duration.ofMillis(random.nextInt(500, 4000)).toNanos();
		long silentAfter = Duration.ofMillis(random.nextInt(200, 6000)).toNanos();
		long leaveShopAfter = Duration.ofMillis(random.nextInt(100, 1200)).toNanos();
		long admittedAt = 0;
		String state = joined.state();
		while (System.nanoTime() - started < Duration.ofSeconds(90).toNanos()) {
			long now = System.nanoTime();
			if ("NONE".equals(state)) {
				return;
			}
			if ("ACTIVE".equals(state) && admittedAt == 0) {
				admittedAt = now;
			}
			if (behaviour == 3 && now - started > silentAfter) {
				return;
			}
			if (behaviour == 2 && "WAITING".equals(state) && now - started > patience) {
				RoomClient.user(ports[random.nextInt(ports.length)], userId).leave(room);
				return;
			}
			if (behaviour == 1 && admittedAt != 0 && now - admittedAt > leaveShopAfter) {
				RoomClient.user(ports[random.nextInt(ports.length)], userId).leave(room);
				return;
			}
			try {
				Thread.sleep(random.nextInt(300, 600));
			}
			catch (InterruptedException ex) {
				return;
			}
			RoomClient.Response beat = RoomClient.user(ports[random.nextInt(ports.length)], userId).heartbeat(room);
			if (beat.status() == 200) {
				state = beat.state();
			}
		}
	}

}
