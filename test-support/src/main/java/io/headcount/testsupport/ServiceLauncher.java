package io.headcount.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * How a Headcount service process is started, in one place, for the tests and the bench:
 * the module's built jar, the JVM flags of {@code /service-jvm.options} (the same argfile
 * {@code ./headcount} and the Dockerfile use, handed to java as {@code @file}), and
 * Spring properties such as the devstack's addresses as environment variables.
 */
public final class ServiceLauncher {

	/** The services' JVM flags, a java {@code @argfile} at the repository root. */
	public static final String JVM_OPTIONS = "service-jvm.options";

	public static final Duration READINESS_TIMEOUT = Duration.ofMinutes(2);

	private final Path repositoryRoot;

	/**
	 * @param repositoryRoot where {@value #JVM_OPTIONS} and the modules are
	 */
	public ServiceLauncher(Path repositoryRoot) {
		this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
	}

	/**
	 * The repository that holds the working directory (a module's, in a Maven test run).
	 */
	public static ServiceLauncher fromWorkingDirectory() {
		Path start = Path.of("").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(JVM_OPTIONS))) {
				return new ServiceLauncher(dir);
			}
		}
		throw new IllegalStateException(
				"no " + JVM_OPTIONS + " in " + start + " or above: not inside Headcount's repository");
	}

	public Path repositoryRoot() {
		return this.repositoryRoot;
	}

	/**
	 * {@code @<root>/service-jvm.options}: the argument that gives java the services'
	 * flags.
	 */
	public String jvmOptions() {
		return "@" + this.repositoryRoot.resolve(JVM_OPTIONS);
	}

	/**
	 * The flags of the argfile, one by one, for reports that name them (comments and
	 * blank lines left out).
	 */
	public List<String> jvmFlags() {
		try {
			return Files.readAllLines(this.repositoryRoot.resolve(JVM_OPTIONS))
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.flatMap((line) -> Arrays.stream(line.split("\\s+")))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code java @service-jvm.options <jvmFlags> -jar <jar>}: a service with the
	 * services' flags.
	 */
	public List<String> jarCommand(Path jar, List<String> jvmFlags) {
		List<String> command = new ArrayList<>(List.of(java(), jvmOptions()));
		command.addAll(jvmFlags);
		command.addAll(List.of("-jar", jar.toString()));
		return command;
	}

	/** {@code java <jvmFlags> -cp <this JVM's class path> <mainClass> <arguments>}. */
	public static List<String> classPathCommand(List<String> jvmFlags, String mainClass, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmFlags);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(arguments);
		return command;
	}

	/**
	 * The module's one built jar, {@code <module>/target/<module>-<version>.jar} (not the
	 * plain, sources or tests jar), or empty when there is none or more than one.
	 */
	public Optional<Path> builtJar(String module) {
		List<Path> jars = builtJars(module);
		return (jars.size() == 1) ? Optional.of(jars.getFirst()) : Optional.empty();
	}

	/** Every candidate for {@link #builtJar}, for error messages. */
	public List<Path> builtJars(String module) {
		Path target = target(module);
		try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar")
						&& !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar");
			}).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether {@code jar} holds exactly the compiled classes of {@code classes}. The
	 * build writes reproducible timestamps, so contents are compared: every compiled
	 * class and resource must be in the jar, byte for byte.
	 */
	public static boolean holdsClasses(Path jar, Path classes) {
		try (JarFile jarFile = new JarFile(jar.toFile()); Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((f) -> !f.endsWith(Path.of("META-INF", "build-info.properties"))) // per
																							// build,
																							// kept
																							// elsewhere
				.toList()) {
				String name = "BOOT-INF/classes/"
						+ classes.relativize(file).toString().replace(File.separatorChar, '/');
				JarEntry entry = jarFile.getJarEntry(name);
				byte[] bytes = Files.readAllBytes(file);
				CRC32 crc = new CRC32();
				crc.update(bytes);
				if (entry == null || entry.getSize() != bytes.length || entry.getCrc() != crc.getValue()) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Spring properties as the environment variables Boot binds them from. */
	public static Map<String, String> environment(Map<String, String> properties) {
		Map<String, String> environment = new LinkedHashMap<>();
		properties.forEach((key, value) -> environment.put(environmentName(key), value));
		return environment;
	}

	/**
	 * Boot's relaxed binding: {@code spring.data.redis.cluster.nodes} is
	 * {@code SPRING_DATA_REDIS_CLUSTER_NODES}, {@code spring.kafka.bootstrap-servers} is
	 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}.
	 */
	public static String environmentName(String property) {
		return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	/** {@code http://127.0.0.1:<port>/actuator/health/readiness}. */
	public static URI readiness(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
	}

	/** A port nobody listens on right now, on 127.0.0.1. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts {@code module} on a free port as instance {@code name} and returns once it
	 * is ready. It runs the module's built jar when that jar holds exactly the compiled
	 * classes, otherwise {@code mainClass} from this JVM's class path: either way the
	 * code under test, in a separate JVM, even when {@code verify} has not packaged the
	 * jar yet. The log goes to {@code target/service-processes} of the working directory.
	 * @param properties Spring properties (devstack's addresses, test timings), passed as
	 * environment variables
	 * @param jvmFlags flags after those of {@link #JVM_OPTIONS}
	 */
	public ServiceProcess start(String module, Class<?> mainClass, String name, Map<String, String> properties,
			List<String> jvmFlags) {
		int port = freePort();
		Path classes = target(module).resolve("classes");
		Path jar = builtJar(module)
			.filter((candidate) -> Files.isDirectory(classes) && holdsClasses(candidate, classes))
			.orElse(null);
		List<String> command;
		if (jar != null) {
			command = jarCommand(jar, jvmFlags);
		}
		else {
			List<String> flags = new ArrayList<>(List.of(jvmOptions()));
			flags.addAll(jvmFlags);
			command = classPathCommand(flags, mainClass.getName(), List.of());
		}
		Map<String, String> environment = environment(properties);
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("HEADCOUNT_INSTANCEID", name);
		ChildProcess process;
		try {
			Path logs = Files.createDirectories(Path.of("target", "service-processes"));
			Path log = Files.createTempFile(logs, module + "-" + name + "-", ".log");
			process = ChildProcess.start(module + "-" + name, command, environment, Path.of("").toAbsolutePath(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out
			.println(module + " " + name + " runs " + ((jar != null) ? "java -jar " + jar : "from the test class path")
					+ " on port " + port + ", log " + process.log());
		try {
			process.awaitHttpOk(readiness(port), READINESS_TIMEOUT);
		}
		catch (RuntimeException ex) {
			process.stop();
			throw ex;
		}
		return new ServiceProcess(process, port);
	}

	private Path target(String module) {
		return this.repositoryRoot.resolve(module).resolve("target");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
