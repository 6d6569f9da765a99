package io.headcount.counter.fastlane;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.counters.CounterController;
import io.headcount.counter.counters.LikeController;
import io.headcount.counter.counters.ViewController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast lane answers exactly as the full path (Spring Security's chain and MVC) does.
 * The same request goes once as is (fast lane) and once with a query parameter the
 * controllers ignore, which the lane never takes: status, body and every header but the
 * date and the body framing must be equal.
 */
@CounterIntegrationTest
class CounterFastLaneIntegrationTests {

	/**
	 * Differ between any two responses, or only in how the body is framed (length vs
	 * chunked).
	 */
	private static final Set<Class<?>> LANE_CONTROLLERS = Set.of(LikeController.class, ViewController.class,
			CounterController.class);

	private static final Set<String> VARYING_HEADERS = Set.of("date", "content-length", "transfer-encoding",
			"keep-alive", "connection");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@Test
	void likesUnlikesAndReadsAnswerAsTheFullPath() {
		Api api = new Api(this.port);
		String likes = "/v1/objects/" + object() + "/likes/me";
		Api.Response liked = api.put("ann", likes);
		assertThat(liked.status()).isEqualTo(200);
		assertThat(liked.json().path("liked").asBoolean()).isTrue();
		assertSame(liked, api.put("ann", likes + "?via=chain")); // already liked: the
																	// same answer

		assertSame(api.get("ann", likes), api.get("ann", likes + "?via=chain"));
		String counter = likes.replace("/likes/me", "/counters/likes");
		Api.Response count = api.get("ann", counter);
		assertThat(count.json().path("count").asLong()).isEqualTo(1);
		assertSame(count, api.get("ann", counter + "?via=chain"));

		Api.Response unliked = api.delete("ann", likes);
		assertThat(unliked.json().path("liked").asBoolean()).isFalse();
		assertSame(unliked, api.delete("ann", likes + "?via=chain"));
	}

	@Test
	void viewsAndTheirIdempotentReplaysAnswerAsTheFullPath() {
		Api api = new Api(this.port);
		String views = "/v1/objects/" + object() + "/views";
		Map<String, String> key = Map.of("Idempotency-Key", "view-" + UUID.randomUUID());
		Api.Response first = api.post("ann", views + "?via=chain", key);
		assertThat(first.status()).isEqualTo(200);
		Api.Response replay = api.post("ann", views, key);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.body()).isEqualTo(first.body());
		assertSame(replay, api.post("ann", views + "?via=chain", key));

		Api.Response counted = api.post("ann", views, Map.of());
		assertThat(counted.json().path("count").asLong()).isEqualTo(2);
	}

	@Test
	void errorsOfTheControllersAnswerAsTheFullPath() {
		Api api = new Api(this.port);
		String object = object();
		List<String[]> bad = List.of(new String[] { "GET", "/v1/objects/" + object + "/counters/UPPER" },
				new String[] { "GET", "/v1/objects/" + "x".repeat(129) + "/counters/likes" },
				new String[] { "POST", "/v1/objects/" + object + "/views" });
		for (String[] request : bad) {
			Map<String, String> headers = request[0].equals("POST") ? Map.of("Idempotency-Key", "not valid!")
					: Map.of();
			Api.Response fast = api.send("ann", request[0], request[1], null, headers);
			assertThat(fast.status()).as("%s %s", request[0], request[1]).isEqualTo(400);
			assertThat(fast.contentType()).isEqualTo("application/problem+json");
			assertSame(fast, api.send("ann", request[0], request[1] + "?via=chain", null, headers));
		}
		assertThat(api.get("ann", "/v1/objects/" + object + "/counters/likes").json().path("count").asLong())
			.as("nothing applied")
			.isZero();
	}

	/**
	 * Every mapping of the controllers the lane calls: where the lane takes the mapping's
	 * request, its route is the mapping's own pattern and method, and it answers as the
	 * full path (after a first request through the full path, so that a write's second
	 * answer is the same on both).
	 */
	@Test
	void everyMappingOfTheLanesControllersIsEitherLeftToTheFullPathOrAnsweredAsIt() {
		Api api = new Api(this.port);
		String object = object();
		Set<LaneRoutes.Kind> taken = EnumSet.noneOf(LaneRoutes.Kind.class);
		this.handlerMapping.getHandlerMethods().forEach((info, handler) -> {
			if (!LANE_CONTROLLERS.contains(handler.getBeanType())) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					String path = pattern.replace("{objectId}", object).replace("{name}", "shares");
					LaneRoutes.Route route = LaneRoutes.Route.of(method.name(), path);
					if (route == null) {
						continue;
					}
					taken.add(route.kind());
					assertThat(route.kind().pattern).as("%s %s", method, pattern).isEqualTo(pattern);
					assertThat(route.kind().controller).isEqualTo(handler.getBeanType());
					assertThat(route.kind().handler).isEqualTo(handler.getMethod().getName());
					Map<String, String> headers = Map.of("Idempotency-Key", "walk-" + UUID.randomUUID());
					api.send("ann", method.name(), path + "?via=chain", null, headers);
					assertSame(api.send("ann", method.name(), path, null, headers),
							api.send("ann", method.name(), path + "?via=chain", null, headers));
				}
			}
		});
		assertThat(taken).as("every lane route is a mapping of these controllers")
			.containsExactlyInAnyOrder(LaneRoutes.Kind.values());
	}

	@Test
	void tokensTheDecoderRefusesGetTheFullPathsUnauthorized() throws Exception {
		String path = "http://127.0.0.1:" + this.port + "/v1/objects/" + object() + "/likes/me";
		String token = Api.token("ann");
		String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		for (String authorization : new String[] { null, "Bearer " + forged, "Bearer not.a.jwt", "Basic YW5uOng=" }) {
			java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(path))
				.PUT(java.net.http.HttpRequest.BodyPublishers.noBody());
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s", authorization).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
		}
		assertThat(new Api(this.port)
			.get("ann", path.substring(path.indexOf("/v1/")).replace("/likes/me", "/counters/likes"))
			.json()
			.path("count")
			.asLong()).as("nothing applied").isZero();
	}

	/**
	 * Found by FastLaneAgreementIntegrationTests: the lane took these and answered 200
	 * where the chain refuses.
	 */
	@Test
	void headersTheChainRefusesAreRefusedOnLaneRoutesToo() {
		String object = object();
		String views = "/v1/objects/" + object + "/views";
		String likes = "/v1/objects/" + object + "/likes/me";
		String bearer = "Bearer " + Api.token("ann");
		record Case(String method, String path, Map<String, String> headers, int status) {
		}
		List<Case> cases = List.of(new Case("PUT", likes, Map.of("Authorization", bearer, "Content-Type", "*/*"), 415),
				new Case("POST", views, Map.of("Authorization", bearer, "Content-Type", "*/*"), 415),
				new Case("POST", views, Map.of("Authorization", bearer, "Idempotency-Key", "a\nb"), 400));
		for (Case request : cases) {
			for (String via : new String[] { "", "?via=chain" }) {
				io.headcount.testsupport.RawHttp.Response response = io.headcount.testsupport.RawHttp.send(this.port,
						request.method(), request.path() + via, request.headers(), "");
				assertThat(response.status()).as("%s %s%s: %s", request.method(), request.path(), via, response)
					.isEqualTo(request.status());
				assertThat(response.isProblem()).isTrue();
			}
		}
		assertThat(new Api(this.port).get("ann", "/v1/objects/" + object + "/counters/views")
			.json()
			.path("count")
			.asLong()).as("nothing applied").isZero();
	}

	@Test
	void requestsThroughTheLaneAreMeasuredUnderTheirRoute() {
		Api api = new Api(this.port);
		String object = object();
		// refusals before any handler matched (other tests of this shared context) are
		// UNKNOWN; the lane's own requests must add none
		// requests to no route (the generated ones of other tests) are "/**": none of
		// these. A step meter shows the last full second, so an earlier test's requests
		// of
		// the current second appear only after the next step: the baseline is the larger
		// of now and one step later.
		long[] before = { uris().getOrDefault("UNKNOWN", 0L), uris().getOrDefault("/**", 0L) };
		Awaitility.await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(3)).until(() -> {
			before[0] = Math.max(before[0], uris().getOrDefault("UNKNOWN", 0L));
			before[1] = Math.max(before[1], uris().getOrDefault("/**", 0L));
			return true;
		});
		long unknownBefore = before[0];
		long anyBefore = before[1];
		for (int i = 0; i < 5; i++) {
			assertThat(api.get("ann", "/v1/objects/" + object + "/counters/likes").status()).isEqualTo(200);
		}
		// the registry steps every second (Influx export): a timer's count is that of the
		// last full second
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(timerCount("/v1/objects/{objectId}/counters/{name}"))
				.as("http.server.requests by uri: %s", uris())
				.isGreaterThanOrEqualTo(5));
		assertThat(uris().getOrDefault("/**", 0L)).isLessThanOrEqualTo(anyBefore);
		assertThat(uris().getOrDefault("UNKNOWN", 0L)).isLessThanOrEqualTo(unknownBefore);
	}

	@Test
	void bothPathsRecordOneAndTheSameMeter() {
		Api api = new Api(this.port);
		String counter = "/v1/objects/" + object() + "/counters/likes";
		assertThat(api.get("ann", counter).status()).isEqualTo(200);
		assertThat(api.get("ann", counter + "?via=chain").status()).isEqualTo(200);
		String bad = "/v1/objects/" + object() + "/counters/BAD";
		assertThat(api.get("ann", bad).status()).isEqualTo(400);
		assertThat(api.get("ann", bad + "?via=chain").status()).isEqualTo(400);
		for (String status : new String[] { "200", "400" }) {
			// the lane's timer and the observation's differ in no tag, so the registry
			// holds one
			assertThat(this.meters.find("http.server.requests")
				.tag("uri", "/v1/objects/{objectId}/counters/{name}")
				.tag("method", "GET")
				.tag("status", status)
				.timers())
				.as("http.server.requests timers for status %s: %s", status,
						this.meters.find("http.server.requests").timers().stream().map(Timer::getId).toList())
				.hasSize(1);
		}
	}

	private long timerCount(String uri) {
		return this.meters.find("http.server.requests").tag("uri", uri).timers().stream().mapToLong(Timer::count).sum();
	}

	private Map<String, Long> uris() {
		Map<String, Long> uris = new TreeMap<>();
		this.meters.find("http.server.requests")
			.timers()
			.forEach((timer) -> uris.merge(timer.getId().getTag("uri"), timer.count(), Long::sum));
		return uris;
	}

	private static void assertSame(Api.Response fast, Api.Response full) {
		assertThat(fast.status()).as("status").isEqualTo(full.status());
		assertThat(fast.body()).as("body").isEqualTo(full.body());
		assertThat(headers(fast)).as("headers").isEqualTo(headers(full));
	}

	private static Map<String, List<String>> headers(Api.Response response) {
		Map<String, List<String>> headers = new TreeMap<>();
		response.raw().headers().map().forEach((name, values) -> {
			if (!VARYING_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
			}
		});
		return headers;
	}

	private static String object() {
		return "fast-" + UUID.randomUUID();
	}

}
