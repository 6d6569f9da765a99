package io.headcount.bench.presence;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * presence-service as its own process from its jar ({@code presence-service/target/presence-service-*.jar},
 * built by {@code ./mvnw -pl presence-service -am package -DskipTests}), on devstack's servers, with the
 * Tomcat WebSocket tuning of ARCHITECTURE "Known facts".
 */
final class PresenceInstance implements AutoCloseable {

	static final String SECRET = "bench-secret-bench-secret-bench-secret-0123";

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private final Process process;

	private final int port;

	private final Path log;

	private PresenceInstance(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static PresenceInstance start(Path root, Map<String, String> stackProperties, String name, String heap,
			List<String> extraArgs) throws Exception {
		Path jar = jar(root);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms" + heap, "-Xmx" + heap, "-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=1024", "-jar",
				jar.toString(), "--server.port=" + port, "--headcount.instance-id=" + name,
				"--headcount.security.jwt.hmac-secret=" + SECRET, "--headcount.rate-limit.enabled=false",
				"--logging.level.root=WARN"));
		stackProperties.forEach((key, value) -> command.add("--" + key + "=" + value));
		command.addAll(extraArgs);
		Path log = Files.createTempFile("bench-presence-" + name, ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		PresenceInstance instance = new PresenceInstance(process, port, log);
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(120);
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException("presence-service exited; log " + log + ":\n" + Files.readString(log));
			}
			try {
				HttpResponse<Void> health = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return instance;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (Instant.now().isAfter(deadline)) {
				instance.close();
				throw new IllegalStateException("presence-service not ready after 120 s; log " + log);
			}
			Thread.sleep(250);
		}
	}

	static Path jar(Path root) throws IOException {
		Path target = root.resolve("presence-service/target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((p) -> p.getFileName().toString().matches("presence-service-.*\\.jar"))
				.filter((p) -> !p.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Build the service first: ./mvnw -q -pl presence-service -am package -DskipTests", ex);
		}
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	URI webSocket() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws/presence");
	}

	/** Heap in use after two full collections, in bytes. */
	long heapAfterGc() throws Exception {
		jcmd("GC.run");
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher used = HEAP_USED.matcher(info);
		if (!used.find()) {
			throw new IllegalStateException("no heap figure in: " + info);
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	private String jcmd(String command) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.process.pid()), command)
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor();
		return out;
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
