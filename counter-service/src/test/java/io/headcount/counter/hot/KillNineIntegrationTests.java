package io.headcount.counter.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An instance in its own OS process is killed with SIGKILL while 32 clients write to one hot object
 * through it. Every acknowledged change must be in Redis; a change whose request got no answer may or
 * may not be. Each request carries an Idempotency-Key, so resending the unanswered ones to another
 * instance tells which were applied: count after the kill == acknowledged + applied-but-unanswered.
 */
@CounterIntegrationTest
class KillNineIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void noAcknowledgedChangeIsLostWhenAnInstanceIsKilled() throws Exception {
		int victimPort = freePort();
		Path jar = builtJar();
		System.out.println("kill -9: the instance runs " + ((jar != null) ? "java -jar " + jar : "from the test class path"));
		Process victim = start(victimPort, jar);
		try {
			Api v = new Api(victimPort);
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
				assertThat(victim.isAlive()).as("the instance process runs (see target/kill-nine.log)").isTrue();
				try {
					return v.get("alice", "/actuator/health").status() == 200;
				}
				catch (RuntimeException ex) {
					return false;
				}
			});
			String object = "hot-" + UUID.randomUUID();
			String path = "/v1/objects/" + object + "/counters/hits";
			Set<String> acked = ConcurrentHashMap.newKeySet();
			Set<String> unanswered = ConcurrentHashMap.newKeySet();
			AtomicBoolean stop = new AtomicBoolean();
			try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int c = 0; c < 32; c++) {
					clients.submit(() -> {
						while (!stop.get()) {
							String key = UUID.randomUUID().toString();
							unanswered.add(key);
							try {
								Api.Response r = v.put("alice", path, "{\"action\":\"increment\"}",
										Map.of("Idempotency-Key", key));
								if (r.status() == 200) {
									acked.add(key);
									unanswered.remove(key);
								}
							}
							catch (RuntimeException ex) {
								stop.set(true); // connection refused or reset: the process is gone
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 3000);
				victim.destroyForcibly(); // SIGKILL
				victim.waitFor();
				await().atMost(Duration.ofSeconds(20)).untilTrue(stop);
			}

			Api a = new Api(this.port);
			// past the near cache's lifetime: what A reads now is Redis
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			long countAfterKill = a.get("alice", path).json().path("count").asLong();
			assertThat(countAfterKill).isGreaterThanOrEqualTo(acked.size());
			assertThat(countAfterKill).isLessThanOrEqualTo(acked.size() + unanswered.size());

			int appliedButUnanswered = 0;
			for (String key : unanswered) {
				Api.Response retry = a.put("alice", path, "{\"action\":\"increment\"}", Map.of("Idempotency-Key", key));
				assertThat(retry.status()).isEqualTo(200);
				if ("true".equals(retry.header("Idempotent-Replayed"))) {
					appliedButUnanswered++;
				}
			}
			System.out.printf("kill -9: %d acknowledged, %d unanswered (%d of them applied), count after kill %d%n",
					acked.size(), unanswered.size(), appliedButUnanswered, countAfterKill);
			assertThat(countAfterKill).isEqualTo(acked.size() + appliedButUnanswered);
			await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
			assertThat(a.get("alice", path).json().path("count").asLong()).isEqualTo(acked.size() + unanswered.size());
		}
		finally {
			victim.destroyForcibly();
		}
	}

	/**
	 * The built jar ({@code ./mvnw -pl counter-service -am package -DskipTests}) when it holds exactly the
	 * compiled classes, else the same classes from the test's class path: either way a separate JVM.
	 */
	private static Process start(int port, Path jar) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
		if (jar != null) {
			command.addAll(List.of("-jar", jar.toString()));
		}
		else {
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), CounterApplication.class.getName()));
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "kill-nine.log").toFile());
		Map<String, String> env = builder.environment();
		DevStack.shared().springProperties().forEach((key, value) -> env.put(envName(key), value));
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("HEADCOUNT_SECURITY_JWT_HMACSECRET", Api.SECRET);
		env.put("HEADCOUNT_RATE_LIMIT_ENABLED", "false");
		env.put("HEADCOUNT_INSTANCEID", "counter-kill-nine");
		return builder.start();
	}

	private static Path builtJar() throws IOException {
		Path target = Path.of("target");
		Path classes = target.resolve("classes");
		if (!Files.isDirectory(target) || !Files.isDirectory(classes)) {
			return null;
		}
		Path jar;
		try (Stream<Path> files = Files.list(target)) {
			jar = files.filter((p) -> p.getFileName().toString().matches("counter-service-.*\\.jar"))
				.filter((p) -> !p.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElse(null);
		}
		if (jar == null) {
			return null;
		}
		// the build writes reproducible timestamps, so compare contents: every compiled class and resource
		// must be in the jar, byte for byte
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

	static String envName(String property) {
		return property.toUpperCase().replace('.', '_').replace("-", "");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static {
		new File("target").mkdirs();
	}

}
