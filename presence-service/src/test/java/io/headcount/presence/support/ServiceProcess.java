package io.headcount.presence.support;

import static org.awaitility.Awaitility.await;

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
import java.util.Locale;
import java.util.Map;

/**
 * The service in its own OS process, for what only a real process shows: {@code kill -9}. It runs the
 * jar given as system property {@code presence.jar} ({@code java -jar}, e.g. after
 * {@code ./mvnw -q -pl presence-service -am package -DskipTests}), otherwise the main class from the
 * tests' own classpath, which is exactly the code under test even when {@code verify} has not packaged
 * the jar yet. Devstack's addresses and the test timings go in as environment variables.
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
		String jar = System.getProperty("presence.jar");
		if (jar != null) {
			command.add("-jar");
			command.add(jar);
		}
		else {
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add("io.headcount.presence.PresenceApplication");
		}
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("HEADCOUNT_INSTANCEID", name);
		for (Map.Entry<String, String> property : Fixtures.instanceProperties().entrySet()) {
			environment.put(environmentName(property.getKey()), property.getValue());
		}
		Path logs = Files.createDirectories(Path.of("target", "service-processes"));
		Path log = Files.createTempFile(logs, "presence-" + name + "-", ".log");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

	/** Boot's relaxed binding: spring.data.redis.cluster.nodes is SPRING_DATA_REDIS_CLUSTER_NODES. */
	static String environmentName(String property) {
		return property.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
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
