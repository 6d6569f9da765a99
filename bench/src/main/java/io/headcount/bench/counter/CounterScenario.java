package io.headcount.bench.counter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.FixedRateLoad;
import io.headcount.bench.load.FixedRateResult;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;
import io.headcount.bench.reference.References;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;

/**
 * counter-service, one instance, against the trivial endpoint of the same run: like
 * writes (each a new (user, post) pair over 100 posts, so every request is a real
 * change), view writes (100 videos, no Idempotency-Key, so each one counts), reads of one
 * counter (near cache), then p99 at 5,000 req/s for likes and reads from an open-model
 * client. The per-user write rate limit is off for the run
 * ({@code HEADCOUNT_RATE_LIMIT_ENABLED=false}).
 */
final class CounterScenario implements Scenario {

	static final int USERS = 4000;

	static final int OBJECTS = 100;

	static final int FIXED_RATE = 5000;

	@Override
	public String name() {
		return "counter";
	}

	@Override
	public String description() {
		return "counter-service jar (the services' JVM flags, write rate limit off), one instance. Writes: wrk -t2 -c64 "
				+ "-d10s (--quick: 5 s) after two rounds of 10 s warm-up of each path (--quick: 3 s), Lua scripts with "
				+ USERS + " HS256 JWTs: " + "PUT /v1/objects/{post}/likes/me over " + OBJECTS
				+ " posts, each request a new (user, post) pair; " + "POST /v1/objects/{video}/views over " + OBJECTS
				+ " videos. Reads: GET /v1/objects/{post}/counters/likes "
				+ "(near cache, at most 750 ms old), served by the fast lane (CounterFastLane); the same likes and reads with "
				+ "?via=full-path, which go through Spring Security's filter chain and MVC instead. Latency: "
				+ FIXED_RATE + " req/s for 10 s (--quick: 5 s) of likes "
				+ "and of reads from the runner's JVM (open model: each request due at a fixed time, latency from its due time; "
				+ "one java.nio thread on HTTP/1.1 keep-alive connections, 16 opened before the start, up to 256, "
				+ "about 45 µs of CPU per request where the JDK HttpClient took 200-340 µs). Ratios are "
				+ "to GET /ping on the trivial app, which has no JWT to verify.";
	}

	@Override
	public Set<String> modules() {
		return Set.of("counter-service");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(8);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int port = ServiceLauncher.freePort();
		ChildProcess service = context.services()
			.startService("counter-service", port,
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_INSTANCEID", "counter-bench"));
		List<String> tokens = new ArrayList<>(USERS);
		for (int i = 0; i < USERS; i++) {
			tokens.add(Tokens.mint(context.jwtSecret(), "bench-user-" + i, Duration.ofHours(2)));
		}
		// likes of this run's own posts: a second run against the same devstack (the
		// other side of a --baseline comparison) makes new pairs too, not no-op repeats
		String run = "r" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";
		URI base = Loopback.uri(port, "/");
		Duration warmUp = Duration.ofSeconds(context.pick(10, 3));
		Duration measure = Duration.ofSeconds(context.pick(10, 5));

		// the JIT needs every path warm before any is measured (on a busy 2-core machine,
		// tens of seconds)
		for (int round = 0; round < 2; round++) {
			context.loads()
				.wrk(WrkLoad.of(base).duration(warmUp).script(likes(context, tokens, run + "warm" + round, "")));
			context.loads().wrk(WrkLoad.of(base).duration(warmUp).script(views(context, tokens, "warm")));
			context.loads().wrk(WrkLoad.of(base).duration(warmUp).script(reads(context, tokens)));
		}
		WrkResult likes = checked(context.loads()
			.wrk(WrkLoad.of(base).duration(measure).script(likes(context, tokens, run + "post", ""))), "likes");
		WrkResult views = checked(
				context.loads().wrk(WrkLoad.of(base).duration(measure).script(views(context, tokens, "video"))),
				"views");
		WrkResult reads = checked(
				context.loads().wrk(WrkLoad.of(base).duration(measure).script(reads(context, tokens))), "reads");
		context.loads()
			.wrk(WrkLoad.of(base).duration(warmUp).script(likes(context, tokens, run + "warm-full", "?via=full-path")));
		WrkResult fullPathLikes = checked(context.loads()
			.wrk(WrkLoad.of(base).duration(measure).script(likes(context, tokens, run + "full", "?via=full-path"))),
				"full-path likes");
		context.loads().wrk(WrkLoad.of(base).duration(warmUp).script(fullPathReads(context, tokens)));
		WrkResult fullPathReads = checked(
				context.loads().wrk(WrkLoad.of(base).duration(measure).script(fullPathReads(context, tokens))),
				"full-path reads");

		Duration fixed = Duration.ofSeconds(context.pick(10, 5));
		FixedRateLoad.run(base, (i) -> like(base, tokens, run + "fixed-warm", i), FIXED_RATE, Duration.ofSeconds(2));
		FixedRateResult likeLatency = FixedRateLoad.run(base, (i) -> like(base, tokens, run + "fixed", i), FIXED_RATE,
				fixed);
		FixedRateResult readLatency = FixedRateLoad.run(base,
				(i) -> FixedRateLoad.request("GET",
						base.resolve("/v1/objects/post-" + (i % OBJECTS) + "/counters/likes"),
						Map.of("Authorization", "Bearer " + tokens.get(i % USERS))),
				FIXED_RATE, fixed);
		context.processes().stop(service);

		return List.of(
				Result.against("counter.likes.throughput", likes.requestsPerSecond(), Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT),
				Result.of("counter.likes.p99", likes.percentileMs(99), Result.MILLISECONDS),
				Result.against("counter.likes-full-path.throughput", fullPathLikes.requestsPerSecond(),
						Result.REQUESTS_PER_SECOND, References.HTTP_PING_THROUGHPUT),
				Result.of("counter.likes-full-path.p99", fullPathLikes.percentileMs(99), Result.MILLISECONDS),
				Result.against("counter.views.throughput", views.requestsPerSecond(), Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT),
				Result.of("counter.views.p99", views.percentileMs(99), Result.MILLISECONDS),
				Result.against("counter.reads.throughput", reads.requestsPerSecond(), Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT),
				Result.of("counter.reads.p99", reads.percentileMs(99), Result.MILLISECONDS),
				Result.against("counter.reads-full-path.throughput", fullPathReads.requestsPerSecond(),
						Result.REQUESTS_PER_SECOND, References.HTTP_PING_THROUGHPUT),
				Result.of("counter.reads-full-path.p99", fullPathReads.percentileMs(99), Result.MILLISECONDS),
				Result.of("counter.likes.fixed-rate-5000.p50", likeLatency.p50Ms(), Result.MILLISECONDS),
				Result.of("counter.likes.fixed-rate-5000.p99", likeLatency.p99Ms(), Result.MILLISECONDS),
				Result.of("counter.reads.fixed-rate-5000.p50", readLatency.p50Ms(), Result.MILLISECONDS),
				Result.of("counter.reads.fixed-rate-5000.p99", readLatency.p99Ms(), Result.MILLISECONDS),
				Result.of("counter.fixed-rate-5000.errors", likeLatency.errors() + readLatency.errors(), "requests"));
	}

	static byte[] like(URI base, List<String> tokens, String prefix, int i) {
		return FixedRateLoad.request("PUT", base.resolve("/v1/objects/" + prefix + "-" + (i % OBJECTS) + "/likes/me"),
				Map.of("Authorization", "Bearer " + tokens.get((i / OBJECTS) % USERS)));
	}

	static WrkResult checked(WrkResult result, String what) {
		if (result.requests() == 0 || result.errors() > 0) {
			throw new IllegalStateException(what + " must not fail, but wrk saw " + result);
		}
		return result;
	}

	/**
	 * Request n (per thread, interleaved) is user (n / OBJECTS) liking post n % OBJECTS:
	 * a new pair each time.
	 */
	static Path likes(BenchContext context, List<String> tokens, String prefix, String query) throws IOException {
		return script(context, "likes-" + prefix, tokens, """
				request = function()
				  counter = counter + 1
				  local n = counter * 2 + tid
				  local user = math.floor(n / %d) %% #tokens + 1
				  return wrk.format("PUT", "/v1/objects/%s-" .. (n %% %d) .. "/likes/me%s",
				    { ["Authorization"] = "Bearer " .. tokens[user] })
				end
				""".formatted(OBJECTS, prefix, OBJECTS, query));
	}

	static Path views(BenchContext context, List<String> tokens, String prefix) throws IOException {
		return script(context, "views-" + prefix, tokens, """
				request = function()
				  counter = counter + 1
				  local n = counter * 2 + tid
				  return wrk.format("POST", "/v1/objects/%s-" .. (n %% %d) .. "/views",
				    { ["Authorization"] = "Bearer " .. tokens[n %% #tokens + 1] })
				end
				""".formatted(prefix, OBJECTS));
	}

	private static Path reads(BenchContext context, List<String> tokens) throws IOException {
		return reads(context, tokens, "reads", "");
	}

	/**
	 * The same reads with a query parameter the controller ignores, which the fast lane
	 * never takes: what Spring Security's filter chain and MVC dispatch cost, measured in
	 * the same run.
	 */
	private static Path fullPathReads(BenchContext context, List<String> tokens) throws IOException {
		return reads(context, tokens, "reads-full-path", "?via=full-path");
	}

	private static Path reads(BenchContext context, List<String> tokens, String name, String query) throws IOException {
		return script(context, name, tokens, """
				request = function()
				  counter = counter + 1
				  local n = counter * 2 + tid
				  return wrk.format("GET", "/v1/objects/post-" .. (n %% %d) .. "/counters/likes%s",
				    { ["Authorization"] = "Bearer " .. tokens[n %% #tokens + 1] })
				end
				""".formatted(OBJECTS, query));
	}

	private static Path script(BenchContext context, String name, List<String> tokens, String request)
			throws IOException {
		StringBuilder lua = new StringBuilder("tokens = {\n");
		for (String token : tokens) {
			lua.append("  \"").append(token).append("\",\n");
		}
		lua.append("}\n");
		lua.append("""
				local threads = {}
				function setup(thread)
				  thread:set("tid", #threads)
				  table.insert(threads, thread)
				end
				counter = 0
				tid = 0
				""");
		lua.append(request);
		Path file = context.workDir().resolve("counter-" + name + ".lua");
		Files.createDirectories(file.getParent());
		Files.writeString(file, lua, StandardCharsets.UTF_8);
		return file;
	}

}
