package io.headcount.bench;

import java.util.List;
import java.util.Map;

/** Report fixtures. */
final class Reports {

	private Reports() {
	}

	static BenchReport withOneComparison() {
		MachineFacts machine = new MachineFacts("Intel(R) Xeon(R) Processor", 2, 24105, "Eclipse Adoptium 25.0.1+8-LTS",
				"Debian GNU/Linux 12 (bookworm)", "Linux 6.1.0 amd64");
		List<Result> results = List.of(
				Result.of("reference.http.ping.throughput", 24748.84, Result.REQUESTS_PER_SECOND),
				Result.of("reference.http.ping.p99", 87.4, Result.MILLISECONDS),
				Result
					.against("counter.likes.throughput", 6187.21, Result.REQUESTS_PER_SECOND,
							"reference.http.ping.throughput")
					.withRatio(0.25),
				Result.against("counter.likes.p99", 12.5, Result.MILLISECONDS, "reference.redis.incr.p99"),
				Result.of("presence.fanout.p99", 19.48, Result.MILLISECONDS));
		return new BenchReport("2026-11-25T10:52:00Z", 131.4, false, List.of(), machine, "20.68 9.62 4.41",
				"3.10 7.00 4.90", "df1423b-dirty", Map.of("wrk", "debian/4.1.0-3+b2", "redis-benchmark", "7.0.15"),
				List.of("Five other agents were building on the same cores."),
				List.of(new BenchReport.ScenarioRun("reference.http", true, "GET /ping with wrk.", 31.2, null),
						new BenchReport.ScenarioRun("counter.likes", false, "POST likes with wrk.", 40.0, null)),
				results,
				List.of(new BenchReport.Failure("reference.redis", "redis-benchmark did not finish\nsecond line")),
				null);
	}

}
