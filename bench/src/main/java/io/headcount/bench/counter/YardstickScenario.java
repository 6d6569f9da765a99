package io.headcount.bench.counter;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.headcount.bench.BenchContext;
import io.headcount.bench.ProcessCpu;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.FixedRateLoad;
import io.headcount.bench.load.FixedRateResult;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;

/**
 * Headcount's likes and views against the yardstick, the version a team would write in an
 * afternoon ({@code yardstick} module: SADD, INCR when new, a fire-and-forget Kafka
 * send), on the same devstack, JVM flags, tokens and load: saturation throughput with
 * wrk, then p99 at 5,000 likes/s from the open-model client with the CPU each process
 * group spent per like (the service, Redis masters, replicas, the Kafka broker, the load
 * client). The two services run one at a time, in the order yardstick, Headcount for
 * throughput and the reverse for the fixed rate, so that neither always meets the warmer
 * or the more loaded machine.
 */
final class YardstickScenario implements Scenario {

	@Override
	public String name() {
		return "counter.yardstick";
	}

	@Override
	public String description() {
		return "counter-service (write rate limit off) against the yardstick (a plain Spring Boot like: "
				+ "StringRedisTemplate SADD then INCR when new, KafkaTemplate send without waiting; Spring Security "
				+ "resource server with the same HS256 JWTs), each alone on the same devstack with the services' JVM "
				+ "flags. Likes and views: wrk -t2 -c64 -d10s (--quick: 5 s) after 10 s of warm-up (--quick: 3 s), "
				+ "each like a new (user, post) pair over " + CounterScenario.OBJECTS + " posts and "
				+ CounterScenario.USERS + " users. Then " + CounterScenario.FIXED_RATE
				+ " likes/s for 10 s (--quick: 5 s) from the open-model client, with the CPU time of each process "
				+ "group (kernel accounting, user + system) before and after, divided by the likes sent.";
	}

	@Override
	public Set<String> modules() {
		return Set.of("counter-service", "yardstick");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(10);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		List<String> tokens = new ArrayList<>(CounterScenario.USERS);
		for (int i = 0; i < CounterScenario.USERS; i++) {
			tokens.add(Tokens.mint(context.jwtSecret(), "bench-user-" + i, Duration.ofHours(2)));
		}
		String run = "y" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";
		List<Result> results = new ArrayList<>();
		Side yardstick = new Side("yardstick", "yardstick", Map.of());
		Side headcount = new Side("headcount", "counter-service",
				Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_INSTANCEID", "counter-yardstick"));
		Map<String, WrkResult> likes = new HashMap<>();
		for (Side side : List.of(yardstick, headcount)) {
			ChildProcess service = side.start(context);
			URI base = Loopback.uri(side.port, "/");
			try {
				Duration warmUp = Duration.ofSeconds(context.pick(10, 3));
				Duration measure = Duration.ofSeconds(context.pick(10, 5));
				String prefix = run + side.name;
				context.loads()
					.wrk(WrkLoad.of(base)
						.duration(warmUp)
						.script(CounterScenario.likes(context, tokens, prefix + "-warm", "")));
				context.loads()
					.wrk(WrkLoad.of(base)
						.duration(warmUp)
						.script(CounterScenario.views(context, tokens, prefix + "-warm")));
				WrkResult liked = CounterScenario.checked(
						context.loads()
							.wrk(WrkLoad.of(base)
								.duration(measure)
								.script(CounterScenario.likes(context, tokens, prefix + "-post", ""))),
						side.name + " likes");
				WrkResult viewed = CounterScenario.checked(
						context.loads()
							.wrk(WrkLoad.of(base)
								.duration(measure)
								.script(CounterScenario.views(context, tokens, prefix + "-video"))),
						side.name + " views");
				likes.put(side.name, liked);
				results.add(Result.of("counter.yardstick." + side.name + ".likes.throughput", liked.requestsPerSecond(),
						Result.REQUESTS_PER_SECOND));
				results.add(Result.of("counter.yardstick." + side.name + ".views.throughput",
						viewed.requestsPerSecond(), Result.REQUESTS_PER_SECOND));
			}
			finally {
				context.processes().stop(service);
			}
		}
		results.add(Result.of("counter.yardstick.likes.throughput-ratio",
				Math.round(
						likes.get("headcount").requestsPerSecond() / likes.get("yardstick").requestsPerSecond() * 1000)
						/ 1000.0,
				"x"));
		for (Side side : List.of(headcount, yardstick)) {
			ChildProcess service = side.start(context);
			URI base = Loopback.uri(side.port, "/");
			try {
				String prefix = run + side.name + "-fixed";
				FixedRateLoad.run(base, (i) -> CounterScenario.like(base, tokens, prefix + "-warm", i),
						CounterScenario.FIXED_RATE, Duration.ofSeconds(context.pick(5, 2)));
				ProcessCpu cpu = ProcessCpu.of(service.pid(), context.devStack());
				if (!cpu.emptyGroups().isEmpty()) {
					throw new IllegalStateException("no process found for " + cpu.emptyGroups());
				}
				Map<String, Duration> before = cpu.sample();
				FixedRateResult fixed = FixedRateLoad.run(base, (i) -> CounterScenario.like(base, tokens, prefix, i),
						CounterScenario.FIXED_RATE, Duration.ofSeconds(context.pick(10, 5)));
				Map<String, Duration> after = cpu.sample();
				String name = "counter.yardstick." + side.name + ".likes.fixed-rate-5000";
				results.add(Result.of(name + ".p50", fixed.p50Ms(), Result.MILLISECONDS));
				results.add(Result.of(name + ".p99", fixed.p99Ms(), Result.MILLISECONDS));
				results.add(Result.of(name + ".errors", fixed.errors(), "requests"));
				ProcessCpu.microsPerRequest(before, after, fixed.requests())
					.forEach((group, micros) -> results
						.add(Result.of("counter.yardstick." + side.name + ".cpu-per-like." + group, micros, "µs")));
			}
			finally {
				context.processes().stop(service);
			}
		}
		return results;
	}

	/** One of the two services, on a port of its own. */
	private static final class Side {

		final String name;

		final String module;

		final Map<String, String> environment;

		int port;

		Side(String name, String module, Map<String, String> environment) {
			this.name = name;
			this.module = module;
			this.environment = environment;
		}

		ChildProcess start(BenchContext context) {
			this.port = ServiceLauncher.freePort();
			return context.services().startService(this.module, this.port, this.environment);
		}

	}

}
