package io.headcount.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import org.jspecify.annotations.Nullable;

/**
 * The shared hostile-client generator and runner behind every service's
 * {@code *FuzzIntegrationTests} (issue 10 item 8): jqwik arbitraries mutate a service's
 * own endpoints with each input class that once gave a 5xx, a non-problem 4xx or a write
 * applied and then refused — broken query strings, wildcard or odd media types, non-JSON
 * {@code Accept}, odd bearer headers, loose or deep JSON, odd methods, path and header
 * bytes the firewall rejects, oversized headers. Requests go over {@link RawHttp} so that
 * they arrive byte for byte as generated.
 */
public final class HostileHttp {

	private HostileHttp() {
	}

	/**
	 * One endpoint of a service.
	 *
	 * @param body a valid JSON body, or {@code ""} for none
	 * @param write whether a 2xx changes state (a refusal must then change nothing)
	 */
	public record Endpoint(String method, String path, String body, boolean write) {
	}

	/** A generated request and the endpoint it mutates. */
	public record Request(Endpoint endpoint, String method, String target, Map<String, String> headers, String body) {
	}

	/** What a run found. */
	public record Outcome(int tries, Map<Integer, Integer> statuses, List<String> violations) {
	}

	private static final List<String> QUERIES = List.of("", "", "", "?x=%zz", "?x=%", "?x=%4", "?%00=1", "?x=%C0%AF",
			"?" + "a=1&".repeat(2000), "?x=" + "y".repeat(9000), "?ids=%zz", "?userIds=%zz", "?from=%zz&to=%zz",
			"?x=\u00e9");

	private static final List<String> PATH_SUFFIXES = List.of("", "", "", "", "%00", "%2F", "/..", ";x=1", "/%2e%2e",
			"\u00e9", "//", "/x");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
			"application/json", "*/*", "application/*", "text/plain", "not a type", "application/json;;x",
			"application/xml", "");

	private static final List<String> ACCEPTS = List.of("", "", "application/json", "*/*", "text/html", "text/plain",
			"image/png", "application/xml", "application/*", "nonsense");

	private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "BREW",
			"TRACE");

	/**
	 * Generated requests against the given endpoints, with a valid token often enough.
	 */
	public static Arbitrary<Request> requests(List<Endpoint> endpoints, String token) {
		Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints);
		Arbitrary<String> method = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("")),
				net.jqwik.api.Tuple.of(1, Arbitraries.of(METHODS)));
		Arbitrary<String> query = Arbitraries.of(QUERIES);
		Arbitrary<String> suffix = Arbitraries.of(PATH_SUFFIXES);
		Arbitrary<String> contentType = Arbitraries.of(CONTENT_TYPES);
		Arbitrary<String> accept = Arbitraries.of(ACCEPTS);
		Arbitrary<String> authorization = Arbitraries.of("Bearer " + token, "Bearer " + token, "Bearer " + token,
				"Bearer  " + token, "bearer " + token, "Bearer " + token + " ", "Bearer", "Basic " + token, "",
				"Bearer x.y.z");
		Arbitrary<String> extraHeader = Arbitraries.of("", "", "", "Idempotency-Key: cl\u00e9\u00ff",
				"Idempotency-Key: ok-key-1", "X-Big: " + "x".repeat(20_000), "Origin: http://evil.example");
		Arbitrary<Integer> bodyKind = Arbitraries.integers().between(0, 9);
		Arbitrary<Integer> bodySeed = Arbitraries.integers().withDistribution(RandomDistribution.uniform());
		return Combinators.combine(endpoint, method, query, suffix, contentType, accept, authorization, extraHeader)
			.flatAs((e, m, q, s, ct, a, auth, extra) -> Combinators.combine(bodyKind, bodySeed).as((kind, seed) -> {
				Map<String, String> headers = new LinkedHashMap<>();
				if (!auth.isEmpty()) {
					headers.put("Authorization", auth);
				}
				if (!a.isEmpty()) {
					headers.put("Accept", a);
				}
				String body = body(e.body(), kind, seed);
				if (!body.isEmpty() && !ct.isEmpty()) {
					headers.put("Content-Type", ct);
				}
				if (!extra.isEmpty()) {
					headers.put(extra.substring(0, extra.indexOf(':')), extra.substring(extra.indexOf(':') + 2));
				}
				return new Request(e, m.isEmpty() ? e.method() : m, e.path() + s + q, headers, body);
			}));
	}

	/** The endpoint's valid body, or one of the loose, deep or broken variants. */
	static String body(String valid, int kind, int seed) {
		if (valid.isEmpty() && kind < 8) {
			return "";
		}
		Random random = new Random(seed);
		return switch (kind) {
			case 0, 1, 2, 3 -> valid;
			case 4 -> valid.replaceFirst(":\\s*\"[^\"]*\"", ":" + random.nextInt(1000));
			case 5 -> valid.replaceFirst(":\\s*(-?\\d+)", ":\"$1\"").replaceFirst(":\\s*(\\d+)([,}])", ":$1.5$2");
			case 6 -> "[".repeat(100 + random.nextInt(3000)) + "]".repeat(random.nextInt(50));
			case 7 -> valid.isEmpty() ? "{" : valid.substring(0, random.nextInt(valid.length()));
			case 8 -> "{\"x\":\"" + "\u00e9\u0000".repeat(random.nextInt(200)) + "\"}";
			default -> "{\"a\":" + "{\"a\":".repeat(random.nextInt(60)) + "1" + "}".repeat(random.nextInt(60)) + "}";
		};
	}

	/**
	 * Sends {@code tries} generated requests and records every violation: a 5xx, a 4xx
	 * that is not problem JSON (HEAD excepted: no body), and a refused write after which
	 * {@code state} reads differently.
	 */
	public static Outcome run(int port, Arbitrary<Request> requests, int tries, long seed,
			@Nullable Supplier<String> state) {
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		List<String> violations = new ArrayList<>();
		// sampleStream: usable outside a jqwik property, so from a Spring test's thread
		var samples = requests.sampleStream().limit(tries).iterator();
		for (int i = 0; i < tries && samples.hasNext(); i++) {
			Request request = samples.next();
			boolean write = request.endpoint().write() && state != null;
			String before = write ? state.get() : null;
			RawHttp.Response response;
			try {
				response = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
			}
			catch (RuntimeException ex) {
				violations.add("no answer: " + describe(request) + ": " + ex);
				continue;
			}
			statuses.merge(response.status(), 1, Integer::sum);
			if (response.status() >= 500) {
				violations.add(response.status() + " for " + describe(request) + ": " + response.body());
			}
			else if (response.status() >= 400 && !request.method().equals("HEAD") && !response.isProblem()) {
				violations.add("not problem JSON (" + response.status() + ", " + response.contentType() + ") for "
						+ describe(request));
			}
			if (write && response.status() >= 400) {
				String after = state.get();
				if (!after.equals(before)) {
					violations.add("state changed after " + response.status() + " for " + describe(request) + ": "
							+ before + " -> " + after);
				}
			}
			if (violations.size() > 20) {
				break;
			}
		}
		return new Outcome(tries, statuses, violations);
	}

	private static String describe(Request request) {
		String body = request.body().length() > 80 ? request.body().substring(0, 80) + "…" : request.body();
		String target = request.target().length() > 120 ? request.target().substring(0, 120) + "…" : request.target();
		Map<String, String> headers = new LinkedHashMap<>();
		request.headers().forEach((k, v) -> headers.put(k, v.length() > 40 ? v.substring(0, 40) + "…" : v));
		return request.method() + " " + target + " " + headers + " " + body;
	}

}
