package io.headcount.platform.servicetest;

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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A service in its own OS process, for what only a real process shows: {@code kill -9}. It runs the
 * module's built jar ({@code java -jar}) when that jar holds exactly the compiled classes, otherwise the
 * main class from the tests' own class path: either way the code under test, in a separate JVM, even
 * when {@code verify} has not packaged the jar yet. Properties (devstack's addresses, test timings) go in
 * as environment variables; {@link #start} returns once the service is ready.
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

	/**
	 * @param module the Maven module (its jar is {@code target/<module>-*.jar}, the tests' working directory)
	 * @param mainClass the application class, for a run from the class path
	 * @param name the instance id, also in the log file's name
	 * @param properties Spring properties, passed as environment variables
	 * @param maxHeap the {@code -Xmx} value
	 */
	public static ServiceProcess start(String module, Class<?> mainClass, String name, Map<String, String> properties,
			String maxHeap) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1"));
		Path jar = builtJar(module);
		if (jar != null) {
			command.addAll(List.of("-jar", jar.toString()));
		}
		else {
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		}
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		properties.forEach((key, value) -> environment.put(environmentName(key), value));
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("HEADCOUNT_INSTANCEID", name);
		Path logs = Files.createDirectories(Path.of("target", "service-processes"));
		Path log = Files.createTempFile(logs, module + "-" + name + "-", ".log");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, port, log);
		System.out.println(module + " " + name + " runs " + ((jar != null) ? "java -jar " + jar : "from the test class path")
				+ " on port " + port + ", log " + log);
		HttpClient http = HttpClient.newHttpClient();
		try {
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(module + " process exited:\n" + Files.readString(log));
				}
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				return health.statusCode() == 200;
			});
		}
		catch (RuntimeException ex) {
			service.close();
			throw new IllegalStateException(module + " process did not get ready; log " + log, ex);
		}
		return service;
	}

	/** Boot's relaxed binding: spring.data.redis.cluster.nodes is SPRING_DATA_REDIS_CLUSTER_NODES. */
	static String environmentName(String property) {
		return property.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
	}

	/**
	 * The module's built jar ({@code ./mvnw -pl <module> -am package -DskipTests}) when it holds exactly the
	 * compiled classes, else null. The build writes reproducible timestamps, so contents are compared: every
	 * compiled class and resource must be in the jar, byte for byte.
	 */
	static @Nullable Path builtJar(String module) throws IOException {
		Path target = Path.of("target");
		Path classes = target.resolve("classes");
		if (!Files.isDirectory(classes)) {
			return null;
		}
		Path jar;
		try (Stream<Path> files = Files.list(target)) {
			jar = files.filter((p) -> p.getFileName().toString().matches(module + "-.*\\.jar"))
				.filter((p) -> !p.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElse(null);
		}
		if (jar == null) {
			return null;
		}
		try (JarFile jarFile = new JarFile(jar.toFile()); Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((f) -> !f.endsWith(Path.of("META-INF", "build-info.properties"))) // per build, kept elsewhere
				.toList()) {
				String name = "BOOT-INF/classes/" + classes.relativize(file).toString().replace(File.separatorChar, '/');
				JarEntry entry = jarFile.getJarEntry(name);
				byte[] bytes = Files.readAllBytes(file);
				CRC32 crc = new CRC32();
				crc.update(bytes);
				if (entry == null || entry.getSize() != bytes.length || entry.getCrc() != crc.getValue()) {
					return null;
				}
			}
		}
		return jar;
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

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** kill -9: no shutdown hook, no goodbye to Redis, Kafka or clients. */
	public void kill9() throws InterruptedException {
		this.process.destroyForcibly(); // SIGKILL on Linux
		this.process.waitFor();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
