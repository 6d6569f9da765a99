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
 * The server binaries devstack runs. Looked up once, all together, so that a machine
 * missing several packages is told about all of them in one message instead of one per
 * run.
 */
record Binaries(Path redisServer, Path redisCli, Path influxd) {

	static final String INSTALL_HINT = "apt-get install redis-server redis-tools influxdb";

	// A non-login PATH may miss /usr/sbin or /usr/local/bin.
	private static final List<String> EXTRA_DIRS = List.of("/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin");

	/** Looks on the PATH, then in the usual binary directories. */
	static Binaries find() {
		List<Path> dirs = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				if (!dir.isBlank()) {
					dirs.add(Path.of(dir));
				}
			}
		}
		EXTRA_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
		return find(dirs);
	}

	static Binaries find(List<Path> dirs) {
		Map<String, Optional<Path>> found = new LinkedHashMap<>();
		for (String name : List.of("redis-server", "redis-cli", "influxd")) {
			found.put(name,
					dirs.stream()
						.map(dir -> dir.resolve(name))
						.filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
						.findFirst());
		}
		List<String> missing = found.entrySet()
			.stream()
			.filter(e -> e.getValue().isEmpty())
			.map(Map.Entry::getKey)
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException(
					"devstack needs " + String.join(", ", missing) + ", which is not installed" + " (searched "
							+ dirs.stream().distinct().toList() + "). Install the servers with: " + INSTALL_HINT);
		}
		return new Binaries(found.get("redis-server").orElseThrow(), found.get("redis-cli").orElseThrow(),
				found.get("influxd").orElseThrow());
	}

}
