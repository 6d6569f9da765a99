package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

@CounterIntegrationTest
class CountersIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void incrementAndDecrementInTheSeedsShape() {
		Api a = new Api(this.port);
		String path = "/v1/objects/page-" + UUID.randomUUID() + "/counters/shares";
		Api.Response up = a.put("alice", path, "{\"action\":\"increment\",\"delta\":5}", Map.of());
		assertThat(up.status()).isEqualTo(200);
		assertThat(up.json().path("count").asLong()).isEqualTo(5);
		assertThat(up.json().path("updatedAt").asString()).isNotEmpty();
		assertThat(a.put("alice", path, "{\"action\":\"increment\"}", Map.of()).json().path("count").asLong())
			.isEqualTo(6);
		assertThat(
				a.put("alice", path, "{\"action\":\"decrement\",\"delta\":2}", Map.of()).json().path("count").asLong())
			.isEqualTo(4);
		Api.Response read = a.get("alice", path);
		assertThat(read.json().path("count").asLong()).isEqualTo(4);
		assertThat(read.json().path("updatedAt").asString()).isNotEmpty();
	}

	@Test
	void aDecrementBelowZeroIsRefusedWith409AndAppliesNothing() {
		Api a = new Api(this.port);
		String path = "/v1/objects/page-" + UUID.randomUUID() + "/counters/stock";
		a.put("alice", path, "{\"action\":\"increment\",\"delta\":3}", Map.of());
		Api.Response refused = a.put("alice", path, "{\"action\":\"decrement\",\"delta\":4}", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("title").asString()).isEqualTo("Counter would go below zero");
		assertThat(refused.json().path("detail").asString()).contains("negative", "Nothing was applied");
		Api.Response exact = a.put("alice", path, "{\"action\":\"decrement\",\"delta\":3}", Map.of());
		assertThat(exact.json().path("count").asLong()).isZero();
	}

	@Test
	void idempotencyKeysMakeCounterRetriesSafe() {
		Api a = new Api(this.port);
		String path = "/v1/objects/page-" + UUID.randomUUID() + "/counters/downloads";
		Map<String, String> key = Map.of("Idempotency-Key", "dl-7");
		Api.Response first = a.put("alice", path, "{\"action\":\"increment\",\"delta\":10}", key);
		Api.Response replay = a.put("alice", path, "{\"action\":\"increment\",\"delta\":10}", key);
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(
				a.put("alice", path, "{\"action\":\"increment\",\"delta\":10}", Map.of()).json().path("count").asLong())
			.isEqualTo(20);
	}

	@Test
	void batchReadReturnsEveryCounterOfUpTo500Objects() {
		Api a = new Api(this.port);
		String prefix = "feed-" + UUID.randomUUID() + "-";
		a.put("alice", "/v1/objects/" + prefix + "1/likes/me");
		a.post("alice", "/v1/objects/" + prefix + "1/views", Map.of());
		a.put("alice", "/v1/objects/" + prefix + "2/counters/shares", "{\"action\":\"increment\",\"delta\":7}",
				Map.of());
		String ids = IntStream.range(0, 500).mapToObj((i) -> prefix + i).collect(Collectors.joining(","));

		Api.Response batch = a.get("alice", "/v1/objects?ids=" + ids);
		assertThat(batch.status()).isEqualTo(200);
		assertThat(batch.json().path("objects").size()).isEqualTo(500);
		assertThat(batch.json().path("objects").path(0).path("objectId").asString()).isEqualTo(prefix + "0");
		assertThat(batch.json().path("objects").path(1).path("counters").path("likes").asLong()).isEqualTo(1);
		assertThat(batch.json().path("objects").path(1).path("counters").path("views").asLong()).isEqualTo(1);
		assertThat(batch.json().path("objects").path(2).path("counters").path("shares").asLong()).isEqualTo(7);
		assertThat(batch.json().path("objects").path(3).path("counters").size()).isZero();

		Api.Response tooMany = a.get("alice", "/v1/objects?ids=" + ids + "," + prefix + "500");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.contentType()).startsWith("application/problem+json");
	}

}
