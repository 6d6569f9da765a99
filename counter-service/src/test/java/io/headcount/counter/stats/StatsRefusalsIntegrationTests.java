package io.headcount.counter.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of bad event, alone and inside a batch of good ones: 400 problem detail, and
 * the statistics read back afterwards show nothing of the request (a batch is validated
 * whole before any of it is sent). Bad reads are 400 too.
 */
@CounterIntegrationTest
class StatsRefusalsIntegrationTests {

	private static final String GOOD = "{\"type\":\"visit\",\"value\":2}";

	@LocalServerPort
	int port;

	static Stream<Arguments> badEvents() {
		Instant now = Instant.now();
		String thousandAndOne = IntStream.range(0, 1001)
			.mapToObj((i) -> GOOD)
			.collect(Collectors.joining(",", "{\"events\":[", "]}"));
		return Stream.of(Arguments.of("value as text", "{\"type\":\"visit\",\"value\":\"1\"}"),
				Arguments.of("value as boolean", "{\"type\":\"visit\",\"value\":true}"),
				Arguments.of("value as object", "{\"type\":\"visit\",\"value\":{}}"),
				Arguments.of("value NaN", "{\"type\":\"visit\",\"value\":NaN}"),
				Arguments.of("value Infinity", "{\"type\":\"visit\",\"value\":Infinity}"),
				Arguments.of("value -Infinity", "{\"type\":\"visit\",\"value\":-Infinity}"),
				Arguments.of("value beyond a double", "{\"type\":\"visit\",\"value\":1e400}"),
				Arguments.of("value too large", "{\"type\":\"visit\",\"value\":1000000000.5}"),
				Arguments.of("value too small", "{\"type\":\"visit\",\"value\":-2e9}"),
				Arguments.of("value with seven decimals", "{\"type\":\"visit\",\"value\":0.0000001}"),
				Arguments.of("value with a huge exponent", "{\"type\":\"visit\",\"value\":1e-999999999}"),
				Arguments.of("no type", "{\"value\":1}"), Arguments.of("empty type", "{\"type\":\"\"}"),
				Arguments.of("upper-case type", "{\"type\":\"VISIT\"}"),
				Arguments.of("type with a brace", "{\"type\":\"vi{s}it\"}"),
				Arguments.of("type as number", "{\"type\":7}"),
				Arguments.of("at before the minute retention",
						"{\"type\":\"visit\",\"at\":\"" + now.minus(Duration.ofDays(3)) + "\"}"),
				Arguments.of("at in the future", "{\"type\":\"visit\",\"at\":\"" + now.plusSeconds(3600) + "\"}"),
				Arguments.of("at far in the future", "{\"type\":\"visit\",\"at\":\"+1000000000-01-01T00:00:00Z\"}"),
				Arguments.of("at unparseable", "{\"type\":\"visit\",\"at\":\"yesterday\"}"),
				Arguments.of("malformed idempotency key", "{\"type\":\"visit\",\"idempotencyKey\":\"a b\"}"),
				Arguments.of("no body", ""), Arguments.of("empty object", "{}"),
				Arguments.of("empty batch", "{\"events\":[]}"),
				Arguments.of("batch and event fields", "{\"type\":\"visit\",\"events\":[" + GOOD + "]}"),
				Arguments.of("null in a batch", "{\"events\":[" + GOOD + ",null]}"),
				Arguments.of("oversized batch", thousandAndOne),
				Arguments.of("bad value in a batch",
						"{\"events\":[" + GOOD + "," + GOOD + ",{\"type\":\"visit\",\"value\":\"x\"}]}"),
				Arguments.of("bad decimals in a batch",
						"{\"events\":[" + GOOD + "," + GOOD + ",{\"type\":\"visit\",\"value\":1.1234567}]}"),
				Arguments.of("old event in a batch",
						"{\"events\":[" + GOOD + ",{\"type\":\"visit\",\"at\":\"" + now.minus(Duration.ofDays(3))
								+ "\"}," + GOOD + "]}"),
				Arguments.of("bad type in a batch", "{\"events\":[" + GOOD + ",{\"type\":\"Visit\"}]}"),
				Arguments.of("top-level array", "[" + GOOD + "]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badEvents")
	void aBadEventIsRefusedAndNothingOfItsRequestIsApplied(String name, String body) {
		Api a = new Api(this.port);
		String object = "bad-" + UUID.randomUUID();
		Api.Response r = a.send("alice", "POST", "/v1/objects/" + object + "/events", body.isEmpty() ? null : body,
				body.isEmpty() ? Map.of("Content-Type", "application/json") : Map.of());
		assertThat(r.status()).as("%s", r).isEqualTo(400);
		assertThat(r.contentType()).as("%s", r).startsWith("application/problem+json");
		assertThat(r.body()).doesNotContain("Exception", "java.", "tools.jackson");
		Instant now = Instant.now();
		assertThat(StatsIntegrationTests
			.get(a, "/v1/objects/" + object + "/stats/visit?from=" + now.minus(Duration.ofDays(3)) + "&to="
					+ now.plus(Duration.ofDays(1)) + "&step=day")
			.path("total")
			.path("count")
			.asLong()).as("events recorded").isZero();
	}

	@Test
	void aBodyOverTheLimitIsRefusedDeclaredOrChunked() throws Exception {
		Api a = new Api(this.port);
		String object = "big-" + UUID.randomUUID();
		String padded = "{\"type\":\"visit\"" + " ".repeat(1_100_000) + "}";
		Api.Response declared = a.send("alice", "POST", "/v1/objects/" + object + "/events", padded, Map.of());
		assertThat(declared.status()).as("%s", declared).isEqualTo(413);
		assertThat(declared.contentType()).startsWith("application/problem+json");

		HttpRequest chunked = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/objects/" + object + "/events"))
			.header("Authorization", "Bearer " + Api.token("alice"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(chunked, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		Instant now = Instant.now();
		assertThat(StatsIntegrationTests
			.get(a, "/v1/objects/" + object + "/stats/visit?from=" + now.minusSeconds(3600) + "&to="
					+ now.plusSeconds(3600))
			.path("total")
			.path("count")
			.asLong()).isZero();
		// just under the limit is taken
		String fits = "{\"type\":\"visit\"" + " ".repeat(1_000_000) + "}";
		assertThat(a.send("alice", "POST", "/v1/objects/" + object + "/events", fits, Map.of()).status())
			.isEqualTo(200);
	}

	static Stream<Arguments> badReads() {
		String range = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
		return Stream.of(Arguments.of("unknown fn", "visit?" + range + "&fn=median"),
				Arguments.of("one unknown fn of several", "visit?" + range + "&fn=count,p99"),
				Arguments.of("unknown step", "visit?" + range + "&step=week"),
				Arguments.of("empty range", "visit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"),
				Arguments.of("too many points", "visit?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&step=minute"),
				Arguments.of("no from", "visit?to=2026-01-01T00:00:00Z"),
				Arguments.of("unparseable from", "visit?from=today&to=2026-01-01T00:00:00Z"),
				Arguments.of("bad type", "Visit?" + range));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badReads")
	void aBadReadIsRefused(String name, String query) {
		Api.Response r = new Api(this.port).get("alice", "/v1/objects/post-1/stats/" + query);
		assertThat(r.status()).as("%s", r).isEqualTo(400);
		assertThat(r.contentType()).as("%s", r).startsWith("application/problem+json");
	}

}
