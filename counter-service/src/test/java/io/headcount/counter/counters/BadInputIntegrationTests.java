package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Client mistakes are 400 ProblemDetails, and nothing is applied. */
@CounterIntegrationTest
class BadInputIntegrationTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "{\"action\":\"add\",\"delta\":1}", "{\"action\":\"increment\",\"delta\":0}",
			"{\"action\":\"increment\",\"delta\":1000001}", "{\"action\":\"decrement\",\"delta\":-1}", "{\"delta\":1}",
			"{\"action\":\"increment\",\"delta\":\"many\"}", "not json" })
	void badCounterChangesAre400AndApplyNothing(String body) {
		Api a = new Api(this.port);
		String path = "/v1/objects/page-" + UUID.randomUUID() + "/counters/shares";
		a.put("alice", path, "{\"action\":\"increment\",\"delta\":2}", Map.of());
		Api.Response bad = a.put("alice", path, body, Map.of());
		assertProblem(bad, 400);
		assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(2);
	}

	@Test
	void malformedIdsNamesAndKeysAre400() {
		Api a = new Api(this.port);
		assertProblem(a.put("alice", "/v1/objects/" + Api.encode("p{x}") + "/likes/me"), 400);
		assertProblem(a.put("alice", "/v1/objects/" + "p".repeat(129) + "/likes/me"), 400);
		assertProblem(a.post("alice", "/v1/objects/" + Api.encode("a b") + "/views", Map.of()), 400);
		assertProblem(a.put("alice", "/v1/objects/p1/counters/Shares", "{\"action\":\"increment\"}", Map.of()), 400);
		assertProblem(a.put("alice", "/v1/objects/p1/counters/likes", "{\"action\":\"increment\"}", Map.of()), 400);
		String object = "video-" + UUID.randomUUID();
		assertProblem(a.post("alice", "/v1/objects/" + object + "/views", Map.of("Idempotency-Key", "bad key!")), 400);
		assertThat(a.get("alice", "/v1/objects/" + object + "/views").json().path("count").asLong()).isZero();
		assertProblem(a.get("alice", "/v1/objects?ids=ok," + Api.encode("b{d}")), 400);
		assertProblem(a.get("alice", "/v1/objects/p1/counters/views/series?from=yesterday&to=2026-01-01T00:00:00Z"),
				400);
		assertProblem(a.get("alice",
				"/v1/objects/p1/counters/views/series?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&step=week"),
				400);
	}

	private static void assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as("%s", response).isEqualTo(status);
		assertThat(response.contentType()).as("%s", response).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
	}

}
