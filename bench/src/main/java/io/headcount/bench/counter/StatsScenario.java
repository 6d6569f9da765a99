package io.headcount.bench.counter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;

/**
 * Event statistics reads (issue 15 item 2: p99 ≤ 10 ms at 1,000 req/s): objects seeded
 * with a day of numeric events in batches of 1,000, then {@code GET
 * /v1/objects/{id}/stats/{type}} at a fixed rate from the open-model client, half of the
 * requests the last hour by minute, half the last day by hour, every function.
 */
final class StatsScenario implements Scenario {

	static final int OBJECTS = 20;

	static final int RATE = 1_000;

	static final int WARM_RATE = 200;

	private static final HttpClient http = HttpClient.newHttpClient();

	@Override
	public String name() {
		return "counter.stats";
	}

	@Override
	public String description() {
		return "counter-service (write rate limit off), " + OBJECTS + " objects each given 5 batches of 1,000 "
				+ "events (values 0-1,000 over the last 24 h, POST /v1/objects/{id}/events), then GET "
				+ ".../stats/render-ms?fn=count,sum,avg,min,max from the open-model client (latency from each request's "
				+ "due time): 15 s (--quick: 5 s) of warm-up at " + WARM_RATE + " req/s, 5 s (3 s) measured at "
				+ WARM_RATE + " req/s, then 10 s (5 s) at " + RATE + " req/s, with the CPU per read of each process "
				+ "group at both rates. Half the last hour by minute (60 points), half the last 24 h by hour (25 points).";
	}

	@Override
	public Set<String> modules() {
		return Set.of("counter-service");
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int port = ServiceLauncher.freePort();
		ChildProcess service = context.services()
			.startService("counter-service", port,
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_INSTANCEID", "counter-stats-bench"));
		String token = Tokens.mint(context.jwtSecret(), "bench-stats", Duration.ofHours(2));
		String run = "s" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";
		URI base = Loopback.uri(port, "/");
		try {
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			for (int object = 0; object < OBJECTS; object++) {
				for (int batch = 0; batch < 5; batch++) {
					seed(base, token, run + object, now, batch);
				}
			}
			String hour = "from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now + "&step=minute";
			String day = "from=" + now.minus(24, ChronoUnit.HOURS) + "&to=" + now + "&step=hour";
			// warm at a rate a cold JIT keeps up with: a cold service at 1,000/s falls
			// behind, and an open-model client then times out every request after it
			FixedRateLoad.run(base, (i) -> read(base, token, run, i, hour, day), WARM_RATE,
					Duration.ofSeconds(context.pick(15, 5)));
			// CPU per read at 200/s too: at 1,000/s a saturated service leaves requests
			// unanswered within the timeout, and CPU per request sent then undercounts
			ProcessCpu cpu = ProcessCpu.of(service.pid(), context.devStack());
			Map<String, Duration> lowBefore = cpu.sample();
			FixedRateResult low = FixedRateLoad.run(base, (i) -> read(base, token, run, i, hour, day), WARM_RATE,
					Duration.ofSeconds(context.pick(5, 3)));
			Map<String, Duration> lowAfter = cpu.sample();
			// the service's JIT at 1,000/s: a service in production runs warm
			FixedRateLoad.run(base, (i) -> read(base, token, run, i, hour, day), RATE,
					Duration.ofSeconds(context.pick(10, 3)));
			Map<String, Duration> before = cpu.sample();
			FixedRateResult reads = FixedRateLoad.run(base, (i) -> read(base, token, run, i, hour, day), RATE,
					Duration.ofSeconds(context.pick(10, 5)));
			Map<String, Duration> after = cpu.sample();
			List<Result> results = new ArrayList<>(
					List.of(Result.of(name() + ".fixed-rate-" + WARM_RATE + ".p50", low.p50Ms(), Result.MILLISECONDS),
							Result.of(name() + ".fixed-rate-" + WARM_RATE + ".p99", low.p99Ms(), Result.MILLISECONDS),
							Result.of(name() + ".fixed-rate-1000.p50", reads.p50Ms(), Result.MILLISECONDS),
							Result.of(name() + ".fixed-rate-1000.p99", reads.p99Ms(), Result.MILLISECONDS),
							Result.of(name() + ".fixed-rate-1000.errors", reads.errors(), "requests")));
			ProcessCpu.microsPerRequest(before, after, reads.requests())
				.forEach((group, micros) -> results.add(Result.of(name() + ".cpu-per-read." + group, micros, "µs")));
			ProcessCpu.microsPerRequest(lowBefore, lowAfter, low.requests())
				.forEach((group, micros) -> results
					.add(Result.of(name() + ".cpu-per-read-" + WARM_RATE + "." + group, micros, "µs")));
			return results;
		}
		finally {
			context.processes().stop(service);
		}
	}

	private static byte[] read(URI base, String token, String run, int i, String hour, String day) {
		String range = (i % 2 == 0) ? hour : day;
		return FixedRateLoad.request("GET", base
			.resolve("/v1/objects/" + run + (i % OBJECTS) + "/stats/render-ms?" + range + "&fn=count,sum,avg,min,max"),
				Map.of("Authorization", "Bearer " + token));
	}

	/**
	 * One batch of 1,000 events of one object, spread over the last 24 hours. Each event
	 * has an idempotency key, so a batch answered 503 (Redis slow on a loaded machine) is
	 * sent again after its Retry-After and counts once.
	 */
	private static void seed(URI base, String token, String object, Instant now, int batch) throws Exception {
		StringBuilder body = new StringBuilder(96_000).append("{\"events\":[");
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 1_000; i++) {
			Instant at = now.minusSeconds(random.nextLong(24 * 3600));
			body.append((i == 0) ? "" : ",")
				.append("{\"type\":\"render-ms\",\"value\":")
				.append(random.nextInt(1_001))
				.append(",\"at\":\"")
				.append(at)
				.append("\",\"idempotencyKey\":\"seed-")
				.append(batch)
				.append('-')
				.append(i)
				.append("\"}");
		}
		body.append("]}");
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/objects/" + object + "/events"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() / 100 == 2) {
				return;
			}
			if (answer.statusCode() != 503 || attempt == 5) {
				throw new IllegalStateException("POST events (batch " + batch + " of " + object + ", attempt " + attempt
						+ "): " + answer.statusCode() + " " + answer.body());
			}
			Thread.sleep(Duration.ofSeconds(answer.headers().firstValueAsLong("Retry-After").orElse(1)));
		}
	}

}
