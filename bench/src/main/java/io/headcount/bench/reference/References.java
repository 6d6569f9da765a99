package io.headcount.bench.reference;

import java.util.List;

import io.headcount.bench.Scenario;

/**
 * The reference scenarios, and the names of their figures for
 * {@code Result.against(..., reference)}.
 */
public final class References {

	/**
	 * Redis Cluster INCR, 50 clients, one command per round trip (req/s, p50 and p99 in
	 * ms).
	 */
	public static final String REDIS_INCR_THROUGHPUT = "reference.redis.incr.throughput";

	public static final String REDIS_INCR_P50 = "reference.redis.incr.p50";

	public static final String REDIS_INCR_P99 = "reference.redis.incr.p99";

	/**
	 * The same with 16 commands per round trip: what Redis can take when the client
	 * batches.
	 */
	public static final String REDIS_INCR_PIPELINED_THROUGHPUT = "reference.redis.incr-pipelined.throughput";

	public static final String REDIS_INCR_PIPELINED_P50 = "reference.redis.incr-pipelined.p50";

	public static final String REDIS_INCR_PIPELINED_P99 = "reference.redis.incr-pipelined.p99";

	/**
	 * GET /ping on a trivial Boot app at saturation (wrk -t2 -c64): req/s and latency
	 * percentiles in ms.
	 */
	public static final String HTTP_PING_THROUGHPUT = "reference.http.ping.throughput";

	/**
	 * µs of CPU of the trivial app per GET /ping at saturation: the yardstick for a
	 * service's CPU per call (ProcessCpu), which survives a loaded machine better than
	 * throughput does.
	 */
	public static final String HTTP_PING_CPU_PER_CALL = "reference.http.ping.cpu-per-call";

	public static final String HTTP_PING_P50 = "reference.http.ping.p50";

	public static final String HTTP_PING_P90 = "reference.http.ping.p90";

	public static final String HTTP_PING_P99 = "reference.http.ping.p99";

	/**
	 * GET /ping at a fixed {@link #FIXED_RATE} req/s, latency from each request's due
	 * time (ms).
	 */
	public static final String HTTP_PING_FIXED_RATE_P50 = "reference.http.ping-fixed-rate.p50";

	public static final String HTTP_PING_FIXED_RATE_P99 = "reference.http.ping-fixed-rate.p99";

	public static final String HTTP_PING_FIXED_RATE_P999 = "reference.http.ping-fixed-rate.p999";

	public static final String HTTP_PING_FIXED_RATE_MAX = "reference.http.ping-fixed-rate.max";

	/**
	 * Requests per second of the fixed-rate reference; use the same rate for comparable
	 * fixed-rate figures.
	 */
	public static final int FIXED_RATE = 1000;

	private References() {
	}

	public static List<Scenario> all() {
		return List.of(new RedisIncrReference(), new HttpPingReference());
	}

}
