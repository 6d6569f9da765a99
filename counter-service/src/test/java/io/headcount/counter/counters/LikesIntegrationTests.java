package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.Instances;
import io.headcount.counter.counters.store.CounterStore;
import io.headcount.platform.redis.RedisConnections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CounterIntegrationTest
class LikesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CounterStore store;

	@Autowired
	RedisConnections redis;

	@Test
	void fiftyConcurrentIdenticalLikesThroughTwoInstancesRaiseTheCountByExactlyOne() throws Exception {
		Api a = new Api(this.port);
		Api b = Instances.second();
		String object = "post-" + UUID.randomUUID();
		a.put("bob", "/v1/objects/" + object + "/likes/me"); // someone else already likes
																// it
		String path = "/v1/objects/" + object + "/likes/me";

		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 50; i++) {
				Api target = (i % 2 == 0) ? a : b;
				responses.add(pool.submit(() -> {
					start.await();
					return target.put("alice", path);
				}));
			}
			start.countDown();
		}
		for (Future<Api.Response> response : responses) {
			assertThat(response.get().status()).as("%s", response.get()).isEqualTo(200);
			assertThat(response.get().json().path("count").asLong()).isEqualTo(2);
			assertThat(response.get().json().path("liked").asBoolean()).isTrue();
		}
		Api.Response mine = b.get("alice", path);
		assertThat(mine.json().path("liked").asBoolean()).isTrue();
		assertThat(mine.json().path("count").asLong()).isEqualTo(2);
		assertThat(mine.json().path("updatedAt").asString()).isNotEmpty();
	}

	@Test
	void unlikeWhenNotLikedChangesNothingAndUnlikeAfterLikeCountsOnce() {
		Api a = new Api(this.port);
		String path = "/v1/objects/post-" + UUID.randomUUID() + "/likes/me";
		a.put("bob", path);

		Api.Response notLiked = a.delete("carol", path);
		assertThat(notLiked.status()).isEqualTo(200);
		assertThat(notLiked.json().path("count").asLong()).isEqualTo(1);
		assertThat(notLiked.json().path("liked").asBoolean()).isFalse();

		assertThat(a.put("carol", path).json().path("count").asLong()).isEqualTo(2);
		assertThat(a.delete("carol", path).json().path("count").asLong()).isEqualTo(1);
		assertThat(a.delete("carol", path).json().path("count").asLong()).isEqualTo(1);
		Api.Response state = a.get("carol", path);
		assertThat(state.json().path("liked").asBoolean()).isFalse();
		assertThat(state.json().path("count").asLong()).isEqualTo(1);
	}

	@Test
	void likesOfANeverLikedObjectAreZero() {
		Api.Response state = new Api(this.port).get("dave", "/v1/objects/post-" + UUID.randomUUID() + "/likes/me");
		assertThat(state.status()).isEqualTo(200);
		assertThat(state.json().path("count").asLong()).isZero();
		assertThat(state.json().path("liked").asBoolean()).isFalse();
	}

	/**
	 * The figure in docs/counters.md: MEMORY USAGE of the likers set on the real cluster.
	 */
	@Test
	void memoryPerLikeIsMeasuredOnTheCluster() throws Exception {
		long now = System.currentTimeMillis();
		for (int likers : new int[] { 100, 10_000 }) {
			String object = "mem-" + UUID.randomUUID();
			for (int from = 0; from < likers; from += 100) {
				List<CompletableFuture<ChangeResult>> batch = new ArrayList<>();
				for (int i = from; i < from + 100; i++) {
					batch.add(this.store.apply(object, Change.like("user-" + i, now)));
				}
				CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get();
			}
			long bytes = this.redis.async().memoryUsage(CounterKeys.likers(object)).get();
			System.out.printf("memory per like: %d likers (ids 'user-N') take %d bytes, %.1f bytes per like%n", likers,
					bytes, (double) bytes / likers);
			assertThat((double) bytes / likers).isBetween(20.0, 100.0);
		}
	}

}
