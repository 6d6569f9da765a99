package io.headcount.bench.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;

/**
 * What {@link FixedRateLoad} costs its own JVM: GETs a URL at a rate for a while, after a
 * 3 s warm-up, and prints this process's CPU time over the measured run, per request. Run
 * it in its own JVM against a server in another, e.g. the trivial app:
 * {@code java -cp <bench classpath> io.headcount.bench.load.FixedRateLoadCpuCost
 * http://127.0.0.1:8080/ping 5000 10}.
 */
public final class FixedRateLoadCpuCost {

	private FixedRateLoadCpuCost() {
	}

	public static void main(String[] args) throws InterruptedException {
		URI target = URI.create(args[0]);
		int requestsPerSecond = Integer.parseInt(args[1]);
		Duration duration = Duration.ofSeconds(Integer.parseInt(args[2]));
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		FixedRateLoad.run(target, requestsPerSecond, Duration.ofSeconds(3));
		long cpu = os.getProcessCpuTime();
		long wall = System.nanoTime();
		FixedRateResult result = FixedRateLoad.run(target, requestsPerSecond, duration);
		cpu = os.getProcessCpuTime() - cpu;
		wall = System.nanoTime() - wall;
		System.out.printf("%s%nclient CPU %.2f s in %.2f s, %.1f µs per request (process total %.2f s)%n", result,
				cpu / 1e9, wall / 1e9, cpu / 1e3 / result.requests(), os.getProcessCpuTime() / 1e9);
	}

}
