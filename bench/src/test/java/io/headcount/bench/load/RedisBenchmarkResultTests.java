package io.headcount.bench.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisBenchmarkResultTests {

	@Test
	void readsTheCsvRowAfterTheClusterModeMasterList() {
		List<RedisBenchmarkResult> results = RedisBenchmarkResult
			.parseCsv(Samples.load("redis-benchmark-cluster-incr.csv"));

		assertThat(results)
			.containsExactly(new RedisBenchmarkResult("INCR", 199800.19, 0.142, 0.119, 0.319, 0.447, 7.431));
	}

	@Test
	void readsAPipelinedRun() {
		RedisBenchmarkResult result = RedisBenchmarkResult
			.parseCsv(Samples.load("redis-benchmark-cluster-incr-pipelined.csv"))
			.getFirst();

		assertThat(result.requestsPerSecond()).isEqualTo(793650.75);
		assertThat(result.p50Ms()).isEqualTo(0.287);
		assertThat(result.p99Ms()).isEqualTo(4.207);
	}

	@Test
	void failsWhenEveryRequestFailed() {
		// Without --cluster, a cluster node answers MOVED and redis-benchmark prints a
		// header and no row.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisBenchmarkResult.parseCsv(Samples.load("redis-benchmark-moved-errors.csv")))
			.withMessageContaining("no completed test")
			.withMessageContaining("MOVED");
	}

	@Test
	void failsWithoutTheRedis7Header() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisBenchmarkResult.parseCsv("\"INCR\",\"12345.00\"\n"))
			.withMessageContaining("header");
	}

}
