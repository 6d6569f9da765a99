package io.headcount.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ServiceLauncherTests {

	@TempDir
	Path dir;

	@Test
	void findsTheRepositoryAndReadsTheServicesJvmFlags() {
		ServiceLauncher launcher = ServiceLauncher.fromWorkingDirectory();

		assertThat(launcher.repositoryRoot().resolve("test-support")).isDirectory();
		assertThat(launcher.jvmOptions()).isEqualTo("@" + launcher.repositoryRoot().resolve("service-jvm.options"));
		assertThat(launcher.jvmFlags()).contains("-XX:+UseZGC").allSatisfy((flag) -> assertThat(flag).startsWith("-"));
	}

	@Test
	void namesPropertiesAsEnvironmentVariablesThatBootBinds() {
		Map<String, String> environment = ServiceLauncher.environment(Map.of("spring.data.redis.cluster.nodes", "a:1",
				"spring.kafka.bootstrap-servers", "b:2", "headcount.presence.heartbeat-interval", "3s"));

		assertThat(environment).containsOnlyKeys("SPRING_DATA_REDIS_CLUSTER_NODES", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
				"HEADCOUNT_PRESENCE_HEARTBEAT_INTERVAL");
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test", Map.copyOf(environment)));
		Binder binder = new Binder(ConfigurationPropertySources.get(spring));
		assertThat(binder.bind("spring.kafka.bootstrap-servers", String.class).get()).isEqualTo("b:2");
		assertThat(binder.bind("headcount.presence.heartbeat-interval", Duration.class).get()).hasSeconds(3);
	}

	@Test
	void picksTheOneRunnableJarOfAModule() throws IOException {
		Files.writeString(this.dir.resolve("service-jvm.options"), "-Xss512k\n");
		Path target = Files.createDirectories(this.dir.resolve("svc/target"));
		ServiceLauncher launcher = new ServiceLauncher(this.dir);
		assertThat(launcher.builtJar("svc")).isEmpty();

		for (String name : List.of("svc-1.0-plain.jar", "svc-1.0-sources.jar", "svc-1.0-tests.jar", "other-1.0.jar")) {
			Files.createFile(target.resolve(name));
		}
		Path jar = Files.createFile(target.resolve("svc-1.0.jar"));
		assertThat(launcher.builtJar("svc")).contains(jar.toAbsolutePath());
		assertThat(launcher.jarCommand(jar, List.of("-Xmx64m"))).endsWith(
				"@" + this.dir.toAbsolutePath().resolve("service-jvm.options"), "-Xmx64m", "-jar", jar.toString());
	}

	@Test
	void runsAJarOnlyWhenItHoldsTheCompiledClasses() throws IOException {
		Path classes = Files.createDirectories(this.dir.resolve("classes/io"));
		Files.writeString(classes.resolve("A.class"), "compiled");
		Path jar = this.dir.resolve("a.jar");
		writeJar(jar, "compiled");
		assertThat(ServiceLauncher.holdsClasses(jar, this.dir.resolve("classes"))).isTrue();

		writeJar(jar, "compiled before the last change");
		assertThat(ServiceLauncher.holdsClasses(jar, this.dir.resolve("classes"))).isFalse();
	}

	@Test
	void startsAServiceWithTheFlagsAndPropertiesAndKillsIt() throws Exception {
		try (ServiceProcess service = ServiceLauncher.fromWorkingDirectory()
			.start("no-such-module", TinyService.class, "tiny-1", Map.of("headcount.some-thing", "value"),
					List.of("-Xmx64m"))) {
			HttpResponse<String> facts = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/facts")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(facts.body()).contains("-XX:+UseZGC", "-Xmx64m", "tiny-1", "value");
			service.kill9();
			assertThat(service.isAlive()).isFalse();
		}
	}

	@Test
	void failsAtOnceWithTheLogWhenAProcessExitsBeforeItIsReady() {
		ChildProcess process = ChildProcess.start("quitter", List.of("sh", "-c", "echo cannot start; exit 3"), Map.of(),
				this.dir, this.dir.resolve("quitter.log"));

		assertThatIllegalStateException().isThrownBy(
				() -> process.awaitHttpOk(ServiceLauncher.readiness(ServiceLauncher.freePort()), Duration.ofMinutes(1)))
			.withMessageContaining("quitter exited with 3")
			.withMessageContaining("cannot start");
	}

	@Test
	void stopEndsTheProcessAndItsChildren() throws Exception {
		ChildProcess process = ChildProcess.start("parent", List.of("sh", "-c", "sleep 300 & wait"), Map.of(), this.dir,
				this.dir.resolve("parent.log"));
		List<ProcessHandle> children = await().atMost(Duration.ofSeconds(10))
			.until(() -> ProcessHandle.of(process.pid()).orElseThrow().descendants().toList(),
					(list) -> !list.isEmpty());

		process.stop();

		assertThat(process.isAlive()).isFalse();
		assertThat(children).isNotEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
	}

	private static void writeJar(Path jar, String content) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("BOOT-INF/classes/io/A.class"));
			out.write(content.getBytes());
			out.closeEntry();
		}
	}

}
