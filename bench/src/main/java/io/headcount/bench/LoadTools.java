package io.headcount.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.headcount.bench.load.FixedRateLoad;
import io.headcount.bench.load.FixedRateResult;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.RedisBenchmarkResult;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;

/**
 * The load generators of a run: wrk and redis-benchmark as processes, fixed-rate GETs
 * from this JVM.
 */
public final class LoadTools {

	private final BenchProcesses processes;

	LoadTools(BenchProcesses processes) {
		this.processes = processes;
	}

	/** Runs {@code wrk --latency} and parses its report; fails when wrk fails. */
	public WrkResult wrk(WrkLoad load) throws InterruptedException {
		return WrkResult.parse(this.processes.run("wrk", load.command(), load.processTimeout())
			.requireSuccess(load.summary())
			.output());
	}

	/**
	 * Runs {@code redis-benchmark -h 127.0.0.1 -p <port> --csv <arguments>} (add
	 * {@code --cluster} to spread the clients over all masters) and returns one result
	 * per test.
	 */
	public List<RedisBenchmarkResult> redisBenchmark(int port, List<String> arguments, Duration timeout)
			throws InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("redis-benchmark", "-h", Loopback.HOST, "-p", Integer.toString(port), "--csv"));
		command.addAll(arguments);
		return RedisBenchmarkResult.parseCsv(this.processes.run("redis-benchmark", command, timeout)
			.requireSuccess(String.join(" ", command))
			.output());
	}

	/**
	 * GETs {@code target} at a fixed rate from this JVM; latency from each request's due
	 * time (see {@link FixedRateLoad}).
	 */
	public FixedRateResult fixedRate(URI target, int requestsPerSecond, Duration duration) throws InterruptedException {
		return FixedRateLoad.run(target, requestsPerSecond, duration);
	}

}
