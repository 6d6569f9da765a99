package io.headcount.counter.counters.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import io.headcount.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An instance in its own OS process is killed with SIGKILL while 32 clients write to one
 * hot object through it. Every acknowledged change must be in Redis; a change whose
 * request got no answer may or may not be. Each request carries an Idempotency-Key, so
 * resending the unanswered ones to another instance tells which were applied: count after
 * the kill == acknowledged + applied-but-unanswered.
 */
@CounterIntegrationTest
class KillNineIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void noAcknowledgedChangeIsLostWhenAnInstanceIsKilled() throws Exception {
		Map<String, String> properties = new HashMap<>(DevStack.shared().springProperties());
		properties.put("headcount.security.jwt.hmac-secret", Api.SECRET);
		properties.put("headcount.rate-limit.enabled", "false");
		try (ServiceProcess victim = ServiceProcess.start("counter-service", CounterApplication.class,
				"counter-kill-nine", properties, "384m")) {
			Api v = new Api(victim.port());
			String object = "hot-" + UUID.randomUUID();
			String path = "/v1/objects/" + object + "/counters/hits";
			Set<String> acked = ConcurrentHashMap.newKeySet();
			Set<String> unanswered = ConcurrentHashMap.newKeySet();
			AtomicBoolean stop = new AtomicBoolean();
			try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int c = 0; c < 32; c++) {
					clients.submit(() -> {
						while (!stop.get()) {
							String key = UUID.randomUUID().toString();
							unanswered.add(key);
							try {
								Api.Response r = v.put("alice", path, "{\"action\":\"increment\"}",
										Map.of("Idempotency-Key", key));
								if (r.status() == 200) {
									acked.add(key);
									unanswered.remove(key);
								}
							}
							catch (RuntimeException ex) {
								stop.set(true); // connection refused or reset: the
												// process is gone
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 3000);
				victim.kill9();
				await().atMost(Duration.ofSeconds(20)).untilTrue(stop);
			}

			Api a = new Api(this.port);
			// past the near cache's lifetime: what A reads now is Redis
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			long countAfterKill = a.get("alice", path).json().path("count").asLong();
			assertThat(countAfterKill).isGreaterThanOrEqualTo(acked.size());
			assertThat(countAfterKill).isLessThanOrEqualTo(acked.size() + unanswered.size());

			int appliedButUnanswered = 0;
			for (String key : unanswered) {
				Api.Response retry = a.put("alice", path, "{\"action\":\"increment\"}", Map.of("Idempotency-Key", key));
				assertThat(retry.status()).isEqualTo(200);
				if ("true".equals(retry.header("Idempotent-Replayed"))) {
					appliedButUnanswered++;
				}
			}
			System.out.printf("kill -9: %d acknowledged, %d unanswered (%d of them applied), count after kill %d%n",
					acked.size(), unanswered.size(), appliedButUnanswered, countAfterKill);
			assertThat(countAfterKill).isEqualTo(acked.size() + appliedButUnanswered);
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(acked.size() + unanswered.size());
		}
	}

}
