package io.headcount.bench.reference;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.FixedRateResult;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;

/**
 * GET /ping on {@link TrivialApp} in its own JVM: what any Headcount endpoint could do at
 * best on this machine. Saturation with wrk after a warm-up, then latency at a fixed rate
 * well below saturation. Measured with the devstack up, as the services are.
 */
final class HttpPingReference implements Scenario {

	@Override
	public String name() {
		return "reference.http";
	}

	@Override
	public String description() {
		return "GET /ping -> \"pong\" on a trivial Spring Boot app (Tomcat, virtual threads, the services' JVM flags "
				+ String.join(" ", ServiceLauncher.fromWorkingDirectory().jvmFlags())
				+ ") in its own JVM. `wrk -t2 -c64 -d10s --latency` "
				+ "after a 5 s warm-up (--quick: 5 s after 2 s); then " + References.FIXED_RATE
				+ " req/s for 10 s (--quick: 5 s) from the runner's JVM (open model, latency from "
				+ "each request's due time, so stalls are not hidden; one java.nio thread on HTTP/1.1 keep-alive "
				+ "connections, 16 opened before the start, up to 256), after a 3 s warm-up.";
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		context.devStack();
		int port = ServiceLauncher.freePort();
		URI ping = Loopback.uri(port, "/ping");
		ChildProcess app = context.services()
			.startJavaLikeAService("trivial-app", TrivialApp.class.getName(), List.of("--server.port=" + port),
					Map.of());
		app.awaitHttpOk(ping, Duration.ofMinutes(1));

		WrkLoad load = WrkLoad.of(ping);
		context.loads().wrk(load.duration(Duration.ofSeconds(context.pick(5, 2))));
		Duration cpuBefore = cpu(app);
		WrkResult saturated = context.loads().wrk(load.duration(Duration.ofSeconds(context.pick(10, 5))));
		double cpuPerCall = cpu(app).minus(cpuBefore).toNanos() / 1e3 / Math.max(1, saturated.requests());
		if (saturated.requests() == 0 || saturated.errors() > 0) {
			throw new IllegalStateException("GET /ping must not fail, but wrk saw " + saturated);
		}

		context.loads().fixedRate(ping, References.FIXED_RATE, Duration.ofSeconds(context.pick(3, 2)));
		FixedRateResult fixed = context.loads()
			.fixedRate(ping, References.FIXED_RATE, Duration.ofSeconds(context.pick(10, 5)));
		if (fixed.errors() > 0) {
			throw new IllegalStateException("GET /ping must not fail, but at a fixed rate: " + fixed);
		}
		context.processes().stop(app);

		return List.of(
				Result.of(References.HTTP_PING_THROUGHPUT, saturated.requestsPerSecond(), Result.REQUESTS_PER_SECOND),
				Result.of(References.HTTP_PING_CPU_PER_CALL, cpuPerCall, "µs"),
				Result.of(References.HTTP_PING_P50, saturated.percentileMs(50), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_P90, saturated.percentileMs(90), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_P99, saturated.percentileMs(99), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_FIXED_RATE_P50, fixed.p50Ms(), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_FIXED_RATE_P99, fixed.p99Ms(), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_FIXED_RATE_P999, fixed.p999Ms(), Result.MILLISECONDS),
				Result.of(References.HTTP_PING_FIXED_RATE_MAX, fixed.maxMs(), Result.MILLISECONDS));
	}

	/** CPU used so far by the app's process (user + system). */
	private static Duration cpu(ChildProcess app) {
		return ProcessHandle.of(app.pid())
			.flatMap((process) -> process.info().totalCpuDuration())
			.orElse(Duration.ZERO);
	}

}
