package io.headcount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.headcount.devstack.DevStack;

/**
 * CPU time of the processes that serve a request, in groups (the service, the Redis
 * masters, their replicas, the Kafka broker, the load client), sampled before and after a
 * load so that a figure can say how many µs of CPU each group spent per request. Read
 * from the kernel's accounting of each process (user + system time, as
 * {@code /proc/<pid>/stat} has it).
 */
public final class ProcessCpu {

	private final Map<String, List<ProcessHandle>> groups;

	private ProcessCpu(Map<String, List<ProcessHandle>> groups) {
		this.groups = groups;
	}

	/**
	 * The groups for one service process against the devstack: {@code service},
	 * {@code redis-masters}, {@code redis-replicas}, {@code kafka} and
	 * {@code load-client} (this JVM, where the open-model client runs).
	 */
	public static ProcessCpu of(long servicePid, DevStack devStack) {
		List<Integer> masters = devStack.redisMasterPorts();
		List<Integer> all = List.of(devStack.redisClusterNodes().split(","))
			.stream()
			.map((address) -> Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))
			.toList();
		Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
		groups.put("service", ProcessHandle.of(servicePid).stream().toList());
		groups.put("redis-masters", redis((port) -> masters.contains(port), all));
		groups.put("redis-replicas", redis((port) -> !masters.contains(port), all));
		// this stack's broker only: its command line names the stack's work directory (a
		// broker of another stack, a test run's, could end between two samples and make
		// the group's CPU go back)
		String kafkaDir = devStack.workDir().resolve("kafka").toString();
		groups.put("kafka", ProcessHandle.allProcesses().filter((process) -> {
			String command = commandLine(process);
			return command.contains("KafkaBrokerMain") && command.contains(kafkaDir);
		}).toList());
		groups.put("load-client", List.of(ProcessHandle.current()));
		return new ProcessCpu(groups);
	}

	private static List<ProcessHandle> redis(Predicate<Integer> role, List<Integer> ports) {
		return ProcessHandle.allProcesses().filter((process) -> {
			String command = commandLine(process);
			// a running redis-server retitles itself "redis-server 127.0.0.1:<port>
			// [cluster]";
			// before that its arguments name the node's directory
			return command.contains("redis-server") && ports.stream()
				.filter(role)
				.anyMatch((port) -> command.contains(":" + port + " ") || command.endsWith(":" + port)
						|| command.contains("/" + port + "/redis.conf"));
		}).toList();
	}

	/**
	 * The command line as {@code ps} shows it: {@code /proc/<pid>/cmdline}, which holds a
	 * retitled process's title (ProcessHandle.Info gives Debian's redis-server as the
	 * binary it links to, {@code redis-check-rdb}, with no arguments).
	 */
	private static String commandLine(ProcessHandle process) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
		}
		catch (IOException | UncheckedIOException ex) {
			return process.info().commandLine().orElse("");
		}
	}

	/** CPU used so far by each group. */
	public Map<String, Duration> sample() {
		Map<String, Duration> sample = new LinkedHashMap<>();
		this.groups.forEach((group, processes) -> sample.put(group,
				processes.stream()
					.map((process) -> process.info().totalCpuDuration())
					.flatMap(Optional::stream)
					.reduce(Duration.ZERO, Duration::plus)));
		return sample;
	}

	/** Which groups found no process (a figure of 0 for them would mislead). */
	public List<String> emptyGroups() {
		return this.groups.entrySet()
			.stream()
			.filter((group) -> group.getValue().isEmpty())
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * µs of CPU per request of each group between two samples, plus {@code all}.
	 */
	public static Map<String, Double> microsPerRequest(Map<String, Duration> before, Map<String, Duration> after,
			long requests) {
		Map<String, Double> perRequest = new LinkedHashMap<>();
		double total = 0;
		for (Map.Entry<String, Duration> group : after.entrySet()) {
			double micros = group.getValue().minus(before.getOrDefault(group.getKey(), Duration.ZERO)).toNanos() / 1e3;
			perRequest.put(group.getKey(), Math.round(micros / requests * 10) / 10.0);
			total += micros;
		}
		perRequest.put("all", Math.round(total / requests * 10) / 10.0);
		return perRequest;
	}

}
