package io.headcount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the figures depend on besides the code: read from /proc and the JVM, so runs can
 * be told apart.
 */
record MachineFacts(String cpuModel, int cores, long memoryMiB, String jdk, String os, String kernel) {

	static MachineFacts probe() {
		List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
		String cpuModel = value(cpuinfo, "model name", ":").orElse(System.getProperty("os.arch"));
		long memoryKiB = value(lines(Path.of("/proc/meminfo")), "MemTotal", ":")
			.map((kib) -> Long.parseLong(kib.replace("kB", "").strip()))
			.orElse(Runtime.getRuntime().maxMemory() / 1024);
		String os = value(lines(Path.of("/etc/os-release")), "PRETTY_NAME", "=").map((name) -> name.replace("\"", ""))
			.orElse(System.getProperty("os.name"));
		String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
		return new MachineFacts(cpuModel, Runtime.getRuntime().availableProcessors(), memoryKiB / 1024, jdk, os,
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"));
	}

	/**
	 * The 1, 5 and 15 minute load averages, e.g. {@code "1.52 0.98 0.60"}: how busy the
	 * machine was.
	 */
	static String loadAverage() {
		List<String> loadavg = lines(Path.of("/proc/loadavg"));
		if (loadavg.isEmpty()) {
			return "unknown";
		}
		String[] fields = loadavg.getFirst().split("\\s+");
		return fields.length >= 3 ? String.join(" ", fields[0], fields[1], fields[2]) : "unknown";
	}

	private static java.util.Optional<String> value(List<String> lines, String key, String separator) {
		return lines.stream()
			.filter((line) -> line.startsWith(key) && line.contains(separator))
			.map((line) -> line.substring(line.indexOf(separator) + 1).strip())
			.findFirst();
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
