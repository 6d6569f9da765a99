package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.Instances;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

@CounterIntegrationTest
class ViewsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aReplayedIdempotencyKeyCountsNothingAndReturnsTheFirstResponseOnAnyInstance() {
		Api a = new Api(this.port);
		Api b = Instances.second();
		String path = "/v1/objects/video-" + UUID.randomUUID() + "/views";
		Api.Response first = a.post("alice", path, Map.of("Idempotency-Key", "view-1"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().path("count").asLong()).isEqualTo(1);
		assertThat(first.header("Idempotent-Replayed")).isNull();

		a.post("bob", path, Map.of());
		Api.Response replay = b.post("alice", path, Map.of("Idempotency-Key", "view-1"));
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());

		// the same key from another user is another request
		assertThat(a.post("carol", path, Map.of("Idempotency-Key", "view-1")).json().path("count").asLong())
			.isEqualTo(3);
		assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(3);
	}

	@Test
	void concurrentReplaysOfOneKeyCountOnce() throws Exception {
		Api a = new Api(this.port);
		Api b = Instances.second();
		String path = "/v1/objects/video-" + UUID.randomUUID() + "/views";
		List<Future<Api.Response>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 40; i++) {
				Api target = (i % 2 == 0) ? a : b;
				responses.add(pool.submit(() -> target.post("alice", path, Map.of("Idempotency-Key", "k"))));
			}
		}
		for (Future<Api.Response> r : responses) {
			assertThat(r.get().json().path("count").asLong()).isEqualTo(1);
		}
	}

	@Test
	void uniqueViewersAreEstimatedWithinTheStatedError() throws Exception {
		Api a = new Api(this.port);
		String path = "/v1/objects/video-" + UUID.randomUUID() + "/views";
		int viewers = 2000;
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<Future<Api.Response>> responses = new ArrayList<>();
			for (int i = 0; i < viewers; i++) {
				String user = "viewer-" + i;
				responses.add(pool.submit(() -> a.post(user, path, Map.of())));
				if (i % 4 == 0) {
					responses.add(pool.submit(() -> a.post(user, path, Map.of()))); // a
																					// second
																					// view
				}
			}
			for (Future<Api.Response> r : responses) {
				assertThat(r.get().status()).isEqualTo(200);
			}
		}
		Api.Response stats = a.get("alice", path);
		assertThat(stats.json().path("uniqueViewersStandardError").asDouble()).isEqualTo(0.0081);
		assertThat(stats.json().path("uniqueViewers").asDouble()).isCloseTo(viewers, within(viewers * 0.0081 * 3));
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(2500));
	}

}
