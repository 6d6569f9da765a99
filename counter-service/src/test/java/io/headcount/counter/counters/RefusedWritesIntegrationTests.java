package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.testsupport.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every write endpoint, every refusal class (issue 10 item 2): the answer is a 4xx
 * problem detail and the state read back afterwards is what it was — in the fast lane (no
 * body, JSON Accept) and through the chain alike.
 */
@CounterIntegrationTest
class RefusedWritesIntegrationTests {

	private static final String INCREMENT = "{\"action\":\"increment\",\"delta\":1}";

	@LocalServerPort
	int port;

	/**
	 * A write endpoint: method, path template ({@code %s} = object id), JSON body, where
	 * its count is read back (path and JSON pointer).
	 */
	record Write(String method, String path, String body, String readPath, String countPointer) {

		Write(String method, String path, String body, String readPath) {
			this(method, path, body, readPath, "/count");
		}

	}

	static List<Write> writes() {
		return List.of(new Write("PUT", "/v1/objects/%s/likes/me", "", "/v1/objects/%s/counters/likes"),
				new Write("DELETE", "/v1/objects/%s/likes/me", "", "/v1/objects/%s/counters/likes"),
				new Write("POST", "/v1/objects/%s/views", "", "/v1/objects/%s/counters/views"),
				new Write("PUT", "/v1/objects/%s/counters/shares", INCREMENT, "/v1/objects/%s/counters/shares"),
				new Write("POST", "/v1/objects/%s/events", "{\"events\":[{\"type\":\"visit\"},{\"type\":\"visit\"}]}",
						"/v1/objects/%s/stats/visit?from=" + Instant.now().minus(Duration.ofDays(1)) + "&to="
								+ Instant.now().plus(Duration.ofDays(1)) + "&step=day",
						"/total/count"));
	}

	/** Refusal classes: extra headers, a replacement body, and the status expected. */
	static Stream<Arguments> refusals() {
		record Refusal(String name, Map<String, String> headers, String body, int status) {
		}
		List<Refusal> refusals = List.of(new Refusal("accept-html", Map.of("Accept", "text/html"), null, 406),
				new Refusal("accept-text", Map.of("Accept", "text/plain"), null, 406),
				new Refusal("accept-png", Map.of("Accept", "image/png"), null, 406),
				new Refusal("wildcard-type", Map.of("Content-Type", "*/*"), INCREMENT, 415),
				new Refusal("bad-query", Map.of(), null, 400),
				new Refusal("bad-token", Map.of("Authorization", "Bearer  x"), null, 401),
				new Refusal("non-ascii-key", Map.of("Idempotency-Key", "cl\u00e9\u00ff"), null, 400),
				new Refusal("fraction", Map.of("Content-Type", "application/json"),
						"{\"action\":\"increment\",\"delta\":1.5}", 400),
				new Refusal("deep", Map.of("Content-Type", "application/json"), "[".repeat(3000), 400));
		return writes().stream()
			.flatMap((write) -> refusals.stream()
				.filter((refusal) -> !refusal.name().equals("non-ascii-key") || write.path().endsWith("/views"))
				.filter((refusal) -> write.body().length() > 0 || !(refusal.name().equals("fraction")
						|| refusal.name().equals("deep") || refusal.name().equals("wildcard-type")))
				.map((refusal) -> Arguments.of(write.method() + " " + write.path() + " " + refusal.name(), write,
						refusal.headers(), (refusal.body() != null) ? refusal.body() : write.body(), refusal.status(),
						refusal.name().equals("bad-query"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refusedWriteChangesNothing(String name, Write write, Map<String, String> extra, String body, int status,
			boolean badQuery) {
		Api api = new Api(this.port);
		String object = "obj-" + UUID.randomUUID();
		String read = write.readPath().formatted(object);
		if (write.method().equals("DELETE")) {
			api.put("alice", "/v1/objects/" + object + "/likes/me");
		}
		long before = api.get("alice", read).json().at(write.countPointer()).asLong();
		Map<String, String> headers = new HashMap<>();
		headers.put("Authorization", "Bearer " + Api.token("alice"));
		if (!body.isEmpty()) {
			headers.put("Content-Type", "application/json");
		}
		headers.putAll(extra);
		String target = write.path().formatted(object) + (badQuery ? "?x=%zz" : "");
		RawHttp.Response response = RawHttp.send(this.port, write.method(), target, headers, body);
		assertThat(response.status()).as("%s", response).isEqualTo(status);
		assertThat(response.isProblem()).as("%s", response).isTrue();
		assertThat(api.get("alice", read).json().at(write.countPointer()).asLong()).isEqualTo(before);
	}

}
