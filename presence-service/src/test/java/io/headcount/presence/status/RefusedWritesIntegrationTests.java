package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.testsupport.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every presence write, every refusal class (issue 10 item 2): a problem 4xx, and the
 * user is still offline afterwards — the write was not applied and then refused.
 */
@PresenceIntegrationTest
class RefusedWritesIntegrationTests {

	@LocalServerPort
	int port;

	static Stream<Arguments> refusals() {
		List<String> writes = List.of("PUT /v1/presence/me", "PUT /users/presence");
		record Refusal(String name, Map<String, String> headers, String body, int status) {
		}
		List<Refusal> refusals = List.of(new Refusal("accept-html", Map.of("Accept", "text/html"), null, 406),
				new Refusal("accept-text", Map.of("Accept", "text/plain"), null, 406),
				new Refusal("accept-png", Map.of("Accept", "image/png"), null, 406),
				new Refusal("wildcard-type", Map.of("Content-Type", "*/*"), null, 415),
				new Refusal("odd-type", Map.of("Content-Type", "json"), null, 415),
				new Refusal("bad-query", Map.of(), null, 400),
				new Refusal("two-spaces", Map.of("Authorization", "Bearer  "), null, 401),
				new Refusal("number-as-string", Map.of(), "{\"status\":\"online\",\"deviceId\":7,\"user_id\":7}", 400),
				new Refusal("deep", Map.of(), "{\"status\":" + "[".repeat(3000), 400));
		return writes.stream()
			.flatMap((write) -> refusals.stream()
				.map((refusal) -> Arguments.of(write + " " + refusal.name(), write, refusal.headers(), refusal.body(),
						refusal.status(), refusal.name().equals("bad-query"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refusedWriteLeavesTheUserOffline(String name, String write, Map<String, String> extra, String body, int status,
			boolean badQuery) {
		String user = Fixtures.user("refused");
		PresenceClient client = new PresenceClient(this.port, user);
		String method = write.substring(0, write.indexOf(' '));
		String path = write.substring(write.indexOf(' ') + 1);
		String json = (body != null) ? body : path.equals("/users/presence")
				? "{\"user_id\":\"" + user + "\",\"presence\":\"online\"}" : "{\"status\":\"online\"}";
		Map<String, String> headers = new HashMap<>();
		headers.put("Authorization", "Bearer " + client.token());
		headers.put("Content-Type", "application/json");
		headers.putAll(extra);
		RawHttp.Response response = RawHttp.send(this.port, method, path + (badQuery ? "?x=%zz" : ""), headers, json);
		assertThat(response.status()).as("%s", response).isEqualTo(status);
		assertThat(response.isProblem()).as("%s", response).isTrue();
		assertThat(client.send("GET", "/v1/presence/me", null).json().path("status").asString()).isEqualTo("offline");
	}

}
