package io.headcount.presence.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The service in its own OS process (same classpath as the tests, so it runs exactly the code under
 * test), for what only a real process shows: {@code kill -9}.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	public static ServiceProcess start(String name) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("io.headcount.presence.PresenceApplication");
		command.add("--server.port=" + port);
		command.add("--headcount.instance-id=" + name);
		for (Map.Entry<String, String> property : Fixtures.instanceProperties().entrySet()) {
			command.add("--" + property.getKey() + "=" + property.getValue());
		}
		Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "presence-" + name, ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, port, log);
		HttpClient http = HttpClient.newHttpClient();
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("presence-service process exited:\n" + Files.readString(log));
				}
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				return health.statusCode() == 200;
			});
		}
		catch (RuntimeException ex) {
			service.close();
			throw new IllegalStateException("presence-service process did not get ready; log " + log, ex);
		}
		return service;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	/** kill -9: no shutdown hook, no goodbye to Redis, Kafka or clients. */
	public void kill9() throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-9", Long.toString(this.process.pid())).redirectOutput(new File("/dev/null")).start()
			.waitFor();
		this.process.waitFor();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
