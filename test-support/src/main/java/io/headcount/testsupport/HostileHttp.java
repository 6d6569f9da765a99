package io.headcount.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The shared hostile-client generator and runner behind every service's
 * {@code *FuzzIntegrationTests} (issue 10 item 8): jqwik arbitraries mutate a service's
 * own endpoints with each input class that once gave a 5xx, a non-problem 4xx or a write
 * applied and then refused — broken or excessive query strings, odd paths, wildcard or
 * odd media types, non-JSON or unparseable {@code Accept}, odd bearer headers and tokens
 * ({@link #authorizations}), loose, deep or huge JSON, odd methods, header bytes the
 * firewall rejects, oversized headers. Requests go over {@link RawHttp} so that they
 * arrive byte for byte as generated. WebSocket frames are {@link HostileFrames}'.
 * <p>
 * Samples come from {@link Arbitrary#sampleStream()}, which works outside a jqwik
 * property, so from a Spring test's threads (a property would need its own application
 * context). A violation names the request in full, to be kept as a plain test.
 */
public final class HostileHttp {

	/** Words that must never appear in a refusal: Java, library or parser internals. */
	static final List<String> LEAKS = List.of("io.headcount", "java.", "jakarta.", "tools.jackson", "com.fasterxml",
			"springframework", "Exception", "Jackson", "Whitelabel", "<html", "Tomcat");

	private static final int MAX_VIOLATIONS = 20;

	private HostileHttp() {
	}

	/**
	 * One endpoint of a service.
	 *
	 * @param body a valid JSON body, or {@code ""} for none
	 */
	public record Endpoint(String method, String path, String body) {

		public static Endpoint get(String path) {
			return new Endpoint("GET", path, "");
		}

	}

	/** A generated request and the endpoint it mutates. */
	public record Request(Endpoint endpoint, String method, String target, Map<String, String> headers, String body) {

		/**
		 * A method that may change state: a refusal of it must leave the state as it was.
		 */
		public boolean mayWrite() {
			return !(this.method.equals("GET") || this.method.equals("HEAD") || this.method.equals("OPTIONS")
					|| this.method.equals("TRACE"));
		}

		/** The request as a line to paste into a plain test. */
		public String describe() {
			StringBuilder text = new StringBuilder(this.method).append(' ').append(abbreviate(this.target, 160));
			this.headers.forEach((name, value) -> text.append(" | ")
				.append(name)
				.append(": ")
				.append(abbreviate(value.replace("\n", "\\n"), 60)));
			if (!this.body.isEmpty()) {
				text.append(" | body: ").append(abbreviate(this.body, 100));
			}
			return text.toString();
		}

	}

	/**
	 * What one worker of a run fuzzes: its own endpoints (its own user, its own objects,
	 * so that workers do not see each other's writes), the {@code Authorization} values
	 * to send, and how to read back the state its writes change.
	 *
	 * @param state the worker's state as text, equal before and after a refused write;
	 * null for a service without writes
	 */
	public record Lane(List<Endpoint> endpoints, Arbitrary<String> authorizations, @Nullable Supplier<String> state) {
	}

	/**
	 * What a run found.
	 *
	 * @param answers how often each answer came (HTTP status, or a WebSocket close code)
	 */
	public record Outcome(String name, int cases, Map<String, Integer> answers, List<String> violations,
			Duration took) {

		public Outcome plus(Outcome other) {
			Map<String, Integer> answers = new java.util.TreeMap<>(this.answers);
			other.answers.forEach((answer, count) -> answers.merge(answer, count, Integer::sum));
			List<String> violations = new ArrayList<>(this.violations);
			violations.addAll(other.violations);
			return new Outcome(this.name + " + " + other.name, this.cases + other.cases, answers, violations,
					this.took.plus(other.took));
		}

		/** How many cases got an answer (all of them unless the run stopped early). */
		public int answered() {
			return this.answers.values().stream().mapToInt(Integer::intValue).sum();
		}

		/** One line for the test's output (and CI's log). */
		public String report() {
			return String.format(Locale.ROOT, "%s: %,d generated cases in %.1f s, %d violations, answers %s", this.name,
					this.cases, this.took.toMillis() / 1000.0, this.violations.size(), this.answers);
		}

	}

	/**
	 * {@code Authorization} values: mostly a valid token for {@code user} (sometimes with
	 * {@code scopes}), else each kind of odd header and token the platform must refuse or
	 * accept the same way everywhere — no header, other schemes, scheme case, two spaces,
	 * trailing space, tab, repeated headers, a forged signature, {@code sub} missing,
	 * blank, too long or with control characters, no {@code exp}, expired, {@code nbf} or
	 * {@code iat} in the future (beyond and within the clock skew), another issuer or
	 * audience, an unsigned token, one too long for a header.
	 */
	public static Arbitrary<String> authorizations(String secret, String user, String... scopes) {
		Instant now = Instant.now();
		String valid = Tokens.mint(secret, user, Duration.ofHours(2));
		String scoped = (scopes.length > 0) ? Tokens.mint(secret, user, Duration.ofHours(2), scopes) : valid;
		String forged = valid.substring(0, valid.lastIndexOf('.') + 1)
				+ new StringBuilder(valid.substring(valid.lastIndexOf('.') + 1)).reverse();
		String header = valid.substring(0, valid.indexOf('.'));
		List<String> odd = new ArrayList<>();
		odd.add("");
		odd.add("Bearer");
		odd.add("Bearer ");
		odd.add("Bearer  " + valid);
		odd.add("bearer " + valid);
		odd.add("BEARER " + valid);
		odd.add("Bearer " + valid + " ");
		odd.add("Bearer\t" + valid);
		odd.add(" Bearer " + valid);
		odd.add("Bearer " + valid + ", Bearer " + valid);
		odd.add("Bearer " + valid + "\nBearer " + forged);
		odd.add("Bearer " + forged + "\nBearer " + valid);
		odd.add("Bearer " + valid + "\nBearer " + valid);
		odd.add("Basic dXNlcjpwYXNz");
		odd.add("Bearer x.y.z");
		odd.add("Bearer " + forged);
		odd.add("Bearer " + header + "." + valid.substring(valid.indexOf('.') + 1, valid.lastIndexOf('.')) + ".");
		odd.add("Bearer eyJhbGciOiJub25lIn0." + valid.substring(valid.indexOf('.') + 1, valid.lastIndexOf('.')) + ".");
		odd.add("Bearer " + "a".repeat(9000));
		odd.add("Bearer " + Tokens.sign(secret, (claims) -> claims.expirationTime(Date.from(now.plusSeconds(600)))));
		odd.add(bearer(secret, "", now, 600));
		odd.add(bearer(secret, "   ", now, 600));
		odd.add(bearer(secret, "u".repeat(129), now, 600));
		odd.add(bearer(secret, "u".repeat(1000), now, 600));
		odd.add(bearer(secret, "ctl\u0001user", now, 600));
		odd.add(bearer(secret, "tab\tuser", now, 600));
		odd.add(bearer(secret, "u".repeat(128), now, 600));
		odd.add(bearer(secret, "caf\u00e9-" + user, now, 600));
		odd.add("Bearer " + Tokens.sign(secret, (claims) -> claims.subject(user).issueTime(Date.from(now))));
		odd.add("Bearer " + Tokens.mint(secret, user, Duration.ofMinutes(-5)));
		odd.add("Bearer " + Tokens.mint(secret, user, Duration.ofSeconds(-10)));
		odd.add("Bearer " + Tokens.sign(secret,
				(claims) -> claims.subject(user)
					.expirationTime(Date.from(now.plusSeconds(600)))
					.notBeforeTime(Date.from(now.plusSeconds(300)))));
		odd.add("Bearer " + Tokens.sign(secret,
				(claims) -> claims.subject(user)
					.expirationTime(Date.from(now.plusSeconds(600)))
					.notBeforeTime(Date.from(now.plusSeconds(5)))));
		odd.add("Bearer " + Tokens.sign(secret,
				(claims) -> claims.subject(user)
					.expirationTime(Date.from(now.plusSeconds(600)))
					.issueTime(Date.from(now.plusSeconds(3600)))));
		odd.add("Bearer " + Tokens.sign(secret,
				(claims) -> claims.subject(user)
					.expirationTime(Date.from(now.plusSeconds(600)))
					.issuer("https://issuer.invalid")
					.audience("someone-else")));
		odd.add("Bearer " + Tokens.mint("another-secret-another-secret-0123456789", user, Duration.ofHours(1)));
		return Arbitraries.frequencyOf(Tuple.of(odd.size(), Arbitraries.just("Bearer " + valid)),
				Tuple.of(odd.size() / 3, Arbitraries.just("Bearer " + scoped)),
				Tuple.of(odd.size(), Arbitraries.of(odd)));
	}

	private static String bearer(String secret, String subject, Instant now, long ttlSeconds) {
		return "Bearer " + Tokens.sign(secret,
				(claims) -> claims.subject(subject)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(ttlSeconds))));
	}

	private static final List<String> QUERIES = List.of("?x=%zz", "?x=%", "?x=%4", "?%00=1", "?x=%C0%AF",
			"?" + "a=1&".repeat(2000), "?x=" + "y".repeat(9000), "?x=" + "y".repeat(60_000), "?ids=%zz", "?userIds=%zz",
			"?from=%zz&to=%zz", "?x=\u00e9", "?x=%ff%fe", "?x=a%0Ab", "?=", "?&&&", "?x", "?x=1&x=2", "?via=chain",
			"?deviceId=%zz", "?step=minute&from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
			"?ids=" + "a,".repeat(1500), "?userIds=" + "u,".repeat(1500), "?access_token=x.y.z");

	private static final List<String> PATH_SUFFIXES = List.of("%00", "%2F", "/..", ";x=1", "/%2e%2e", "\u00e9", "//",
			"/x", "/", "%20", "%5C", "/%ff", "/.", "%2e", "/" + "s".repeat(300), "?", "#frag", "/%25", "\\");

	private static final List<String> SEGMENTS = List.of("x".repeat(200), "UPPER", "..", ".", "a:b", "%E2%82%AC", "%zz",
			"%00", "a%2Fb", "caf\u00e9", "-", "_", "a.b", "1e9", "null", "%20", "a b");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
			"application/json; charset=ISO-8859-1", "*/*", "application/*", "text/plain", "not a type",
			"application/json;;x", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
			"application/problem+json", "application/json\napplication/xml", "APPLICATION/JSON", "application/json;q=x",
			"");

	private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "text/plain",
			"image/png", "application/xml", "application/*", "nonsense", "application/json;q=0.5, text/html",
			"text/html;q=1, application/json;q=0.1", "application/problem+json", "*/*;q=0", "application/json, */*",
			"application/json\ntext/html", ";;;", "application/json;q=x", "text/*", "application/json;charset=UTF-8",
			"APPLICATION/JSON", "text/event-stream", "");

	private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD",
			"TRACE", "BREW", "get", "CONNECT", "PROPFIND");

	private static final List<String> EXTRA_HEADERS = List.of("Idempotency-Key: cl\u00e9\u00ff",
			"Idempotency-Key: ok-key-1", "Idempotency-Key: " + "k".repeat(300), "Idempotency-Key: ",
			"Idempotency-Key: has space", "Idempotency-Key: ctl\u0001", "Idempotency-Key: a\nIdempotency-Key: b",
			"X-Big: " + "x".repeat(20_000), "Origin: http://evil.example", "Origin: null", "Cookie: JSESSIONID=x",
			"X-HTTP-Method-Override: DELETE", "Upgrade: websocket", "Range: bytes=0-1", "If-None-Match: *",
			"X-Forwarded-For: 10.0.0.1", "X-Forwarded-Prefix: /evil", "Accept-Charset: ebcdic",
			"Accept-Encoding: gzip, br", "Sec-WebSocket-Version: 13", "X-Odd: \u00ff\u00fe", "X-Many: 1\nX-Many: 2");

	/**
	 * Generated requests against the given endpoints: the endpoint as it is (often, so
	 * that writes happen and their refusals are checked) or with any of the hostile
	 * variants — method, path, query, media types, authorization, an extra header, the
	 * body.
	 */
	public static Arbitrary<Request> requests(List<Endpoint> endpoints, Arbitrary<String> authorizations) {
		Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
				Tuple.of(1, Arbitraries.of(METHODS)));
		Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")),
				Tuple.of(2, Arbitraries.of(PATH_SUFFIXES)),
				Tuple.of(1, Arbitraries.of(SEGMENTS).map((segment) -> "=" + segment)));
		Arbitrary<String> query = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
				Tuple.of(1, Arbitraries.of(QUERIES)));
		Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("application/json")),
				Tuple.of(3, Arbitraries.of(CONTENT_TYPES)));
		Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
				Tuple.of(4, Arbitraries.of(ACCEPTS)));
		Arbitrary<String> extra = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
				Tuple.of(2, Arbitraries.of(EXTRA_HEADERS)));
		Arbitrary<Integer> bodyKind = Arbitraries.integers().between(0, BODY_KINDS - 1);
		Arbitrary<Long> bodySeed = Arbitraries.longs();
		return Combinators
			.combine(Arbitraries.of(endpoints), method, path, query, contentType, accept, authorizations, extra)
			.flatAs((e, m, p, q, ct, a, auth, x) -> Combinators.combine(bodyKind, bodySeed)
				.as((kind, seed) -> request(e, m, p, q, ct, a, auth, x, body(e.body(), kind, seed))));
	}

	/**
	 * The endpoints as they are but for their headers — {@code Authorization},
	 * {@code Accept}, {@code Content-Type} and one extra header: for comparing two paths
	 * through a service with the same requests (counter-service's fast lane and its
	 * security chain).
	 */
	public static Arbitrary<Request> headerVariants(List<Endpoint> endpoints, Arbitrary<String> authorizations) {
		Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
				Tuple.of(3, Arbitraries.of(CONTENT_TYPES)));
		Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
				Tuple.of(4, Arbitraries.of(ACCEPTS)));
		Arbitrary<String> extra = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
				Tuple.of(3, Arbitraries.of(EXTRA_HEADERS)));
		return Combinators.combine(Arbitraries.of(endpoints), contentType, accept, authorizations, extra)
			.as((e, ct, a, auth, x) -> request(e, "", "", "", ct, a, auth, x, e.body()));
	}

	/**
	 * @param path "" for the endpoint's path, "=segment" to replace its last segment,
	 * else a suffix
	 */
	private static Request request(Endpoint endpoint, String method, String path, String query, String contentType,
			String accept, String authorization, String extra, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (!authorization.isEmpty()) {
			headers.put("Authorization", authorization);
		}
		if (!accept.isEmpty()) {
			headers.put("Accept", accept);
		}
		// a content type also without a body, now and then: the lane must not take it
		if (!contentType.isEmpty() && (!body.isEmpty() || contentType.length() % 3 == 0)) {
			headers.put("Content-Type", contentType);
		}
		if (!extra.isEmpty()) {
			int colon = extra.indexOf(':');
			headers.put(extra.substring(0, colon),
					extra.substring(colon + 2).replace("\n" + extra.substring(0, colon) + ": ", "\n"));
		}
		String target = endpoint.path();
		String existingQuery = "";
		int mark = target.indexOf('?');
		if (mark >= 0) {
			existingQuery = target.substring(mark);
			target = target.substring(0, mark);
		}
		if (path.startsWith("=")) {
			target = target.substring(0, target.lastIndexOf('/') + 1) + path.substring(1);
		}
		else {
			target = target + path;
		}
		if (!query.isEmpty()) {
			target = target + (existingQuery.isEmpty() ? query : existingQuery + "&" + query.substring(1));
		}
		else {
			target = target + existingQuery;
		}
		return new Request(endpoint, method.isEmpty() ? endpoint.method() : method, target, headers, body);
	}

	static final int BODY_KINDS = 20;

	/** The endpoint's valid body, or one of the loose, deep, huge or broken variants. */
	static String body(String valid, int kind, long seed) {
		Random random = new Random(seed);
		if (valid.isEmpty()) {
			// no body expected: mostly none, sometimes one anyway
			return (kind < 14) ? "" : body("{\"a\":1}", kind, seed);
		}
		return switch (kind) {
			case 0, 1, 2, 3, 4, 5, 6, 7 -> valid;
			// a number where a string is meant
			case 8 -> valid.replaceFirst(":\\s*\"[^\"]*\"", ":" + random.nextInt(1000));
			// a string, a fraction or an edge number where a number is meant
			case 9 -> valid.replaceFirst(":\\s*(-?\\d+)", ":\"$1\"");
			case 10 -> valid.replaceFirst(":\\s*(-?\\d+)([,}])", ":$1.5$2");
			case 11 -> valid.replaceFirst(":\\s*(-?\\d+)([,}])",
					":" + EDGE_NUMBERS.get(random.nextInt(EDGE_NUMBERS.size())) + "$2");
			case 12 -> "[".repeat(33 + random.nextInt(3000)) + "]".repeat(random.nextInt(50));
			case 13 -> valid.substring(0, random.nextInt(valid.length()));
			case 14 -> "{\"x\":\"" + "\u00e9\\u0000".repeat(random.nextInt(200)) + "\"," + valid.substring(1);
			case 15 -> "{\"a\":" + "{\"a\":".repeat(random.nextInt(60)) + "1" + "}".repeat(random.nextInt(60)) + "}";
			// unknown and duplicate fields, null values, other JSON kinds
			case 16 -> valid.replaceFirst("\\{", "{\"unknown\":[1,2],");
			case 17 -> valid.replaceFirst(":\\s*[^,}]+", ":null");
			case 18 -> List.of("null", "[]", "\"x\"", "1", "true", "{}", "", " ", "\uFEFF" + valid, valid + valid,
					valid.replaceFirst("\\{\"(\\w+)\":([^,}]+)", "{\"$1\":$2,\"$1\":$2"))
				.get(random.nextInt(11));
			// a huge body: a long string value, or a padding of whitespace
			default -> random.nextBoolean() ? "{\"x\":\"" + "y".repeat(300_000) + "\"," + valid.substring(1)
					: " ".repeat(200_000) + valid;
		};
	}

	private static final List<String> EDGE_NUMBERS = List.of("0", "-1", "-0", "00", "2147483648", "9223372036854775807",
			"9223372036854775808", "-9223372036854775808", "1e3", "1E400", "1" + "0".repeat(70), "0x10", "NaN",
			"Infinity");

	/**
	 * Sends {@code cases} generated requests from {@code workers} threads, each with its
	 * own {@link Lane}, and records every violation: no answer, a 5xx, a 4xx that is not
	 * problem JSON (HEAD excepted: no body) or names internals, and a refused request
	 * with a method that may write after which its lane's state reads differently. Stops
	 * early after 20 violations.
	 */
	public static Outcome run(String name, int port, int cases, int workers, IntFunction<Lane> lanes) {
		return inParallel(name, cases, workers, lanes,
				(lane, share, answers, violations, stop) -> work(port, lane, share, answers, violations, stop));
	}

	/** What each worker of a run does with its lane and its share of the cases. */
	@FunctionalInterface
	interface Work<L> {

		void run(L lane, int cases, Map<String, Integer> answers, List<String> violations, AtomicBoolean stop);

	}

	/**
	 * Runs {@code workers} workers, each with its own lane and an equal share of the
	 * cases, and sums up what they found.
	 */
	static <L> Outcome inParallel(String name, int cases, int workers, IntFunction<L> lanes, Work<L> work) {
		long start = System.nanoTime();
		Map<String, Integer> answers = new ConcurrentHashMap<>();
		List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				L lane = lanes.apply(w);
				int share = cases / workers + ((w < cases % workers) ? 1 : 0);
				running.add(pool.submit(() -> work.run(lane, share, answers, violations, stop)));
			}
			for (Future<?> worker : running) {
				worker.get(10, TimeUnit.MINUTES);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(name + " failed to run", ex);
		}
		finally {
			pool.shutdownNow();
		}
		return new Outcome(name, cases, new java.util.TreeMap<>(answers), List.copyOf(violations),
				Duration.ofNanos(System.nanoTime() - start));
	}

	/** A sample stream, made one thread at a time (see {@link #next}). */
	static <T> Iterator<T> samples(Arbitrary<T> arbitrary) {
		synchronized (HostileHttp.class) {
			return arbitrary.sampleStream().iterator();
		}
	}

	private static void work(int port, Lane lane, int cases, Map<String, Integer> answers, List<String> violations,
			AtomicBoolean stop) {
		Iterator<Request> samples = samples(requests(lane.endpoints(), lane.authorizations()));
		Supplier<String> state = lane.state();
		String known = (state != null) ? state.get() : null;
		for (int i = 0; i < cases && !stop.get(); i++) {
			Request request = next(samples);
			RawHttp.Response response;
			try {
				response = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
			}
			catch (RuntimeException ex) {
				violate(violations, stop, "no answer (" + rootCause(ex) + ") to " + request.describe());
				continue;
			}
			answers.merge(Integer.toString(response.status()), 1, Integer::sum);
			String wrong = wrongAnswer(request, response);
			if (wrong != null) {
				violate(violations, stop, wrong);
			}
			if (state != null && request.mayWrite()) {
				String now = state.get();
				if (response.status() >= 400 && !now.equals(known)) {
					violate(violations, stop, "state changed after " + response.status() + " (" + known + " -> " + now
							+ ") for " + request.describe());
				}
				known = now;
			}
		}
	}

	/**
	 * Sends each generated request two ways — as generated, and with its target changed
	 * by {@code otherWay} (e.g. a query parameter that keeps counter-service's fast lane
	 * out) — and records every case where the two answers differ in status, media type or
	 * problem {@code type} and {@code title}, besides the violations {@link #run} records
	 * for each answer.
	 */
	public static Outcome runTwoWays(String name, int port, int cases, int workers, IntFunction<Lane> lanes,
			Function<Lane, Arbitrary<Request>> generator, UnaryOperator<String> otherWay) {
		return inParallel(name, cases, workers, lanes, (lane, share, answers, violations, stop) -> {
			Iterator<Request> samples = samples(generator.apply(lane));
			for (int i = 0; i < share && !stop.get(); i++) {
				Request request = next(samples);
				Request other = new Request(request.endpoint(), request.method(), otherWay.apply(request.target()),
						request.headers(), request.body());
				RawHttp.Response first;
				RawHttp.Response second;
				try {
					first = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
					second = RawHttp.send(port, other.method(), other.target(), other.headers(), other.body());
				}
				catch (RuntimeException ex) {
					violate(violations, stop, "no answer (" + rootCause(ex) + ") to " + request.describe());
					continue;
				}
				answers.merge(Integer.toString(first.status()), 1, Integer::sum);
				for (String wrong : new String[] { wrongAnswer(request, first), wrongAnswer(other, second) }) {
					if (wrong != null) {
						violate(violations, stop, wrong);
					}
				}
				String one = gist(first);
				String two = gist(second);
				if (!one.equals(two)) {
					violate(violations, stop,
							"answers differ: " + one + " vs " + two + " the other way, for " + request.describe());
				}
			}
		});
	}

	/** Status, media type and, for a problem, its type and title. */
	private static String gist(RawHttp.Response response) {
		String type = response.contentType().split(";")[0].trim();
		String gist = response.status() + " " + type;
		if (response.isProblem()) {
			var problem = JsonWebSocket.json.readTree(response.body());
			gist += " type=" + problem.path("type").asString("about:blank") + " title="
					+ problem.path("title").asString();
		}
		return gist;
	}

	/**
	 * The next sample, one thread at a time: jqwik's sampling keeps stores that two
	 * threads must not create at once; the requests still go out concurrently.
	 */
	static <T> T next(Iterator<T> samples) {
		synchronized (HostileHttp.class) {
			return samples.next();
		}
	}

	/** What is wrong with an answer, or null. */
	static @Nullable String wrongAnswer(Request request, RawHttp.Response response) {
		if (response.status() >= 500) {
			return response.status() + " " + abbreviate(response.body(), 200) + " for " + request.describe();
		}
		if (response.status() < 400 || request.method().equals("HEAD")) {
			return null;
		}
		if (!response.isProblem()) {
			return "not problem JSON (" + response.status() + ", '" + response.contentType() + "', "
					+ abbreviate(response.body(), 100) + ") for " + request.describe();
		}
		String leak = leak(response.body());
		return (leak != null) ? "names '" + leak + "' (" + response.status() + " " + abbreviate(response.body(), 300)
				+ ") for " + request.describe() : null;
	}

	/** The first internal word the text names, or null. */
	static @Nullable String leak(@Nullable String text) {
		if (text == null) {
			return null;
		}
		for (String word : LEAKS) {
			if (text.contains(word)) {
				return word;
			}
		}
		return null;
	}

	static void violate(List<String> violations, AtomicBoolean stop, String violation) {
		violations.add(violation);
		if (violations.size() >= MAX_VIOLATIONS) {
			stop.set(true);
		}
	}

	static String rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.toString();
	}

	static String abbreviate(String text, int max) {
		return (text.length() > max) ? text.substring(0, max) + "…(" + text.length() + " chars)" : text;
	}

}
