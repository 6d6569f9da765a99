package io.headcount.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.headcount.bench.load.Loopback;
import io.headcount.devstack.DevStack;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;

/**
 * Headcount services and other JVMs of a run, started the one way test-support's
 * {@link ServiceLauncher} knows: the module's jar, the flags of
 * {@code /service-jvm.options}, the devstack's addresses in the environment. The trivial
 * reference app gets the same flags, so a ratio compares code, not JVM settings.
 */
public final class BenchServices {

	private final ServiceLauncher launcher;

	private final BenchProcesses processes;

	private final Supplier<DevStack> devStack;

	private final String jwtSecret;

	/**
	 * Whose {@code <module>/target} the service jars come from: this checkout's, or the
	 * {@code --baseline} checkout's while the runner measures the baseline side. The
	 * flags stay this checkout's either way, so the two sides differ only in code.
	 */
	private volatile ServiceLauncher jars;

	BenchServices(ServiceLauncher launcher, BenchProcesses processes, Supplier<DevStack> devStack, String jwtSecret) {
		this.launcher = launcher;
		this.processes = processes;
		this.devStack = devStack;
		this.jwtSecret = jwtSecret;
		this.jars = launcher;
	}

	/**
	 * Starts services from {@code checkout}'s built jars (a {@code --baseline}) until
	 * {@link #useOwnJars()}.
	 */
	void useJarsOf(Path checkout) {
		this.jars = new ServiceLauncher(checkout);
	}

	void useOwnJars() {
		this.jars = this.launcher;
	}

	/** The services' JVM flags, as {@code ./headcount run} starts them. */
	public List<String> jvmFlags() {
		return this.launcher.jvmFlags();
	}

	/**
	 * The environment a service needs to reach the devstack:
	 * {@link DevStack#springProperties()} as environment variables plus
	 * {@code HEADCOUNT_JWT_SECRET}.
	 */
	public Map<String, String> serviceEnvironment() {
		Map<String, String> environment = ServiceLauncher.environment(this.devStack.get().springProperties());
		environment.put("HEADCOUNT_JWT_SECRET", this.jwtSecret);
		return environment;
	}

	/**
	 * {@link #startService(String, int, List, Map)} with no flags beyond the services'
	 * own.
	 */
	public ChildProcess startService(String module, int port, Map<String, String> environment) {
		return startService(module, port, List.of(), environment);
	}

	/**
	 * Starts {@code <module>/target/<module>-<version>.jar} as its own JVM on
	 * 127.0.0.1:{@code port} with the services' flags plus {@code jvmFlags},
	 * {@link #serviceEnvironment()} plus {@code environment}, and waits (2 min at most)
	 * until {@code /actuator/health/readiness} answers 200. The scenario must list the
	 * module in {@link Scenario#modules()} so that {@code bench/run} builds the jar.
	 */
	public ChildProcess startService(String module, int port, List<String> jvmFlags, Map<String, String> environment) {
		Map<String, String> env = serviceEnvironment();
		env.put("PORT", Integer.toString(port));
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("SERVER_ADDRESS", Loopback.HOST);
		env.putAll(environment);
		ChildProcess service = this.processes.start(module + "-" + port,
				this.launcher.jarCommand(serviceJar(module), jvmFlags), env);
		service.awaitHttpOk(ServiceLauncher.readiness(port), ServiceLauncher.READINESS_TIMEOUT);
		return service;
	}

	Path serviceJar(String module) {
		ServiceLauncher jars = this.jars;
		return jars.builtJar(module)
			.orElseThrow(() -> new IllegalStateException("expected one " + module + "-<version>.jar in "
					+ jars.repositoryRoot().resolve(module).resolve("target") + ", found " + jars.builtJars(module)
					+ ": list '" + module + "' in the scenario's modules() so bench/run builds it, or run ./mvnw -pl "
					+ module + " -am package -DskipTests"));
	}

	/**
	 * Starts {@code mainClass} from the bench module's own classpath as a separate JVM
	 * (load clients that must spread open files over several processes). Not awaited: use
	 * {@link ChildProcess#awaitHttpOk} or the process's own signal.
	 */
	public ChildProcess startJava(String name, String mainClass, List<String> jvmFlags, List<String> arguments,
			Map<String, String> environment) {
		return this.processes.start(name, ServiceLauncher.classPathCommand(jvmFlags, mainClass, arguments),
				environment);
	}

	/** {@link #startJava} with the services' JVM flags: for the trivial reference app. */
	public ChildProcess startJavaLikeAService(String name, String mainClass, List<String> arguments,
			Map<String, String> environment) {
		return startJava(name, mainClass, List.of(this.launcher.jvmOptions()), arguments, environment);
	}

}
