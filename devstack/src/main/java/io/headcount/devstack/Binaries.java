package io.headcount.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server binaries devstack runs. Looked up once, all together, so that a machine missing several packages is told
 * about all of them in one message instead of one per run.
 */
record Binaries(Path redisServer, Path redisCli, Path influxd) {

	static final String INSTALL_HINT = "apt-get install redis-server redis-tools influxdb";

	// Debian puts influxd in /usr/bin, but a non-login PATH may miss /usr/sbin or /usr/local/bin.
	private static final List<String> EXTRA_DIRS = List.of("/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin");

	static Binaries find() {
		Map<String, Optional<Path>> found = new LinkedHashMap<>();
		for (String name : List.of("redis-server", "redis-cli", "influxd")) {
			found.put(name, lookup(name));
		}
		List<String> missing = found.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
				.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("devstack needs " + String.join(", ", missing)
					+ " but cannot find it on PATH or in " + EXTRA_DIRS + ". Install the servers with: "
					+ INSTALL_HINT);
		}
		return new Binaries(found.get("redis-server").orElseThrow(), found.get("redis-cli").orElseThrow(),
				found.get("influxd").orElseThrow());
	}

	private static Optional<Path> lookup(String name) {
		List<String> dirs = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			dirs.addAll(List.of(path.split(File.pathSeparator)));
		}
		dirs.addAll(EXTRA_DIRS);
		return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name))
				.filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate)).findFirst();
	}

}
