package io.headcount.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.devstack.DevStack;
import io.headcount.testsupport.ServiceLauncher;

/**
 * What a {@link Scenario} runs with: the run's settings, the devstack, and the parts that
 * each do one job: {@link #processes()} (started, logged, stopped), {@link #services()}
 * (Headcount services and other JVMs), {@link #loads()} (wrk, redis-benchmark, fixed
 * rate), and the reference figures measured earlier in the same run.
 */
public final class BenchContext implements AutoCloseable {

	private final boolean quick;

	private final Path repoRoot;

	private final Path workDir;

	private final String jwtSecret = randomSecret();

	private final RunDevStack devStack = new RunDevStack();

	private final ReferenceFigures references = new ReferenceFigures();

	private final BenchProcesses processes;

	private final BenchServices services;

	private final LoadTools loads;

	private final AtomicBoolean closed = new AtomicBoolean();

	BenchContext(boolean quick, Path repoRoot, Path workDir) {
		this.quick = quick;
		this.repoRoot = repoRoot;
		this.workDir = workDir;
		this.processes = new BenchProcesses(repoRoot, workDir);
		this.services = new BenchServices(new ServiceLauncher(repoRoot), this.processes, this.devStack::get,
				this.jwtSecret);
		this.loads = new LoadTools(this.processes);
	}

	/**
	 * The Redis Cluster, Kafka and InfluxDB, started on first use (about 10 s) and
	 * stopped at the end of the run.
	 */
	public DevStack devStack() {
		return this.devStack.get();
	}

	/**
	 * {@code --quick}: shorter runs, for trying a scenario out; figures are less stable.
	 */
	public boolean quick() {
		return this.quick;
	}

	/** {@code full} normally, {@code quick} under {@code --quick}. */
	public <T> T pick(T full, T quick) {
		return this.quick ? quick : full;
	}

	public Path repoRoot() {
		return this.repoRoot;
	}

	/**
	 * Where process logs and scratch files go ({@code bench/target/bench-run}); emptied
	 * at the start of a run.
	 */
	public Path workDir() {
		return this.workDir;
	}

	/**
	 * The HS256 secret every service started here gets as {@code HEADCOUNT_JWT_SECRET};
	 * mint test tokens with it.
	 */
	public String jwtSecret() {
		return this.jwtSecret;
	}

	public BenchProcesses processes() {
		return this.processes;
	}

	public BenchServices services() {
		return this.services;
	}

	public LoadTools loads() {
		return this.loads;
	}

	/**
	 * A reference figure measured earlier in this run, e.g.
	 * {@code reference(References.HTTP_PING_THROUGHPUT)}.
	 * @throws IllegalStateException if that reference failed or was not selected
	 */
	public double reference(String name) {
		return this.references.value(name);
	}

	Map<String, Result> references() {
		return this.references.all();
	}

	void addReferences(List<Result> results) {
		this.references.add(results);
	}

	/** Stops every process still running; the runner calls it after each scenario. */
	void stopProcesses() {
		this.processes.stopAll();
	}

	private static String randomSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return HexFormat.of().formatHex(secret);
	}

	/**
	 * Stops the processes, then the devstack. Safe to call twice (normal end and the
	 * shutdown hook).
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.processes.close();
		this.devStack.close();
	}

}
