package io.headcount.bench.reference;

import java.time.Duration;
import java.util.List;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.RedisBenchmarkResult;

/**
 * What the devstack's Redis Cluster does for the simplest write. {@code --cluster} mode
 * spreads the clients over all three masters (each client's keys carry a hash tag of its
 * master), the way the services' traffic spreads over the cluster; replication and AOF
 * everysec are on, as for the services.
 */
final class RedisIncrReference implements Scenario {

	private static final int CLIENTS = 50;

	private static final int PIPELINE = 16;

	/**
	 * A few seconds each here: long enough to ride out a neighbour's burst, short enough
	 * for the run.
	 */
	private static final int REQUESTS = 400_000;

	private static final int PIPELINED_REQUESTS = 2_000_000;

	private static final int QUICK_DIVISOR = 4;

	@Override
	public String name() {
		return "reference.redis";
	}

	@Override
	public String description() {
		return "`redis-benchmark --cluster -t incr -c " + CLIENTS + " -n " + REQUESTS + "`, then with `-P " + PIPELINE
				+ " -n " + PIPELINED_REQUESTS
				+ "` (16 commands per round trip; --quick: a quarter of the requests), against "
				+ "the devstack's Redis Cluster (3 masters + 3 replicas, AOF everysec): pointed at one master, "
				+ "redis-benchmark spreads its clients over all three. Latencies are redis-benchmark's, in ms.";
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int port = context.devStack().redisMasterPorts().getFirst();
		int divisor = context.pick(1, QUICK_DIVISOR);
		// redis-benchmark spins forever when it cannot reach a node: bound every run.
		Duration timeout = Duration.ofSeconds(90);
		RedisBenchmarkResult plain = incr(context, port, REQUESTS / divisor, 1, timeout);
		RedisBenchmarkResult pipelined = incr(context, port, PIPELINED_REQUESTS / divisor, PIPELINE, timeout);
		return List.of(
				Result.of(References.REDIS_INCR_THROUGHPUT, plain.requestsPerSecond(), Result.REQUESTS_PER_SECOND),
				Result.of(References.REDIS_INCR_P50, plain.p50Ms(), Result.MILLISECONDS),
				Result.of(References.REDIS_INCR_P99, plain.p99Ms(), Result.MILLISECONDS),
				Result.of(References.REDIS_INCR_PIPELINED_THROUGHPUT, pipelined.requestsPerSecond(),
						Result.REQUESTS_PER_SECOND),
				Result.of(References.REDIS_INCR_PIPELINED_P50, pipelined.p50Ms(), Result.MILLISECONDS),
				Result.of(References.REDIS_INCR_PIPELINED_P99, pipelined.p99Ms(), Result.MILLISECONDS));
	}

	private static RedisBenchmarkResult incr(BenchContext context, int port, int requests, int pipeline,
			Duration timeout) throws InterruptedException {
		return context.loads()
			.redisBenchmark(port,
					List.of("--cluster", "-t", "incr", "-c", Integer.toString(CLIENTS), "-n",
							Integer.toString(requests), "-P", Integer.toString(pipeline)),
					timeout)
			.getFirst();
	}

}
