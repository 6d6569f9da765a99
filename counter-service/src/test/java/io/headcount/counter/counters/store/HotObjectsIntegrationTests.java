package io.headcount.counter.counters.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.Instances;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CounterIntegrationTest
class HotObjectsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WriteCoalescer coalescer;

	@Autowired
	HotObjects hotObjects;

	@Autowired
	NearCache nearCache;

	@Test
	void aHotObjectIsDetectedAndItsWritesAreCoalescedIntoFewScriptCalls() throws Exception {
		Api a = new Api(this.port);
		String object = "viral-" + UUID.randomUUID();
		String path = "/v1/objects/" + object + "/views";
		long callsBefore = this.coalescer.calls();
		long changesBefore = this.coalescer.changes();
		AtomicBoolean sawHot = new AtomicBoolean();
		int writes = 4000;
		try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
			List<Future<Api.Response>> responses = new ArrayList<>();
			for (int i = 0; i < writes; i++) {
				String user = "u" + (i % 500);
				responses.add(pool.submit(() -> {
					Api.Response r = a.post(user, path, Map.of());
					if (this.hotObjects.isHot(object)) {
						sawHot.set(true);
					}
					return r;
				}));
			}
			for (Future<Api.Response> r : responses) {
				assertThat(r.get().status()).isEqualTo(200);
			}
		}
		long calls = this.coalescer.calls() - callsBefore;
		long changes = this.coalescer.changes() - changesBefore;
		System.out.printf("hot object: %d writes in %d script calls (%.1f changes per call)%n", writes, calls,
				(double) changes / calls);
		assertThat(changes).isEqualTo(writes);
		assertThat(calls).as("script calls on the object's slot").isLessThan(writes / 4);
		assertThat(sawHot).as("detected as hot while written").isTrue();
		await().untilAsserted(() -> assertThat(a.get("x", path).json().path("count").asLong()).isEqualTo(writes));
	}

	@Test
	void readsComeFromTheNearCacheAndAreAtMostOneSecondStale() {
		Api a = new Api(this.port);
		Api b = Instances.second();
		String path = "/v1/objects/page-" + UUID.randomUUID() + "/counters/shares";
		b.put("alice", path, "{\"action\":\"increment\"}", Map.of());
		await().untilAsserted(() -> assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(1));

		long hitsBefore = this.nearCache.stats().hitCount();
		long longest = 0;
		for (int round = 2; round <= 6; round++) {
			for (int i = 0; i < 20; i++) {
				a.get("alice", path); // warm: served from memory
			}
			b.put("alice", path, "{\"action\":\"increment\"}", Map.of());
			long acked = System.nanoTime();
			long expected = round;
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(
						() -> assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(expected));
			longest = Math.max(longest, (System.nanoTime() - acked) / 1_000_000);
		}
		System.out.printf("near cache: a change through B was visible on A after at most %d ms%n", longest);
		assertThat(longest).as("ms until another instance's change is visible").isLessThanOrEqualTo(1000);
		assertThat(this.nearCache.stats().hitCount() - hitsBefore).isGreaterThan(50);
	}

}
