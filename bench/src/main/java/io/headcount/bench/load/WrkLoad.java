package io.headcount.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code wrk --latency} run. {@code script} is a wrk Lua script for methods, bodies
 * or per-request paths (POSTs with a JWT, say); {@code headers} are added to every
 * request.
 */
public record WrkLoad(URI target, int threads, int connections, Duration duration, Duration timeout,
		List<String> headers, @Nullable Path script) {

	public WrkLoad {
		Loopback.require(target);
		headers = List.copyOf(headers);
		if (duration.toSeconds() < 1) {
			throw new IllegalArgumentException("wrk runs whole seconds, not " + duration);
		}
	}

	/**
	 * The references' settings: 2 threads (one per core here), 64 connections, 10 s, 5 s
	 * request timeout.
	 */
	public static WrkLoad of(URI target) {
		return new WrkLoad(target, 2, 64, Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(), null);
	}

	public WrkLoad threads(int threads) {
		return new WrkLoad(this.target, threads, this.connections, this.duration, this.timeout, this.headers,
				this.script);
	}

	public WrkLoad connections(int connections) {
		return new WrkLoad(this.target, this.threads, connections, this.duration, this.timeout, this.headers,
				this.script);
	}

	public WrkLoad duration(Duration duration) {
		return new WrkLoad(this.target, this.threads, this.connections, duration, this.timeout, this.headers,
				this.script);
	}

	public WrkLoad header(String header) {
		List<String> more = new ArrayList<>(this.headers);
		more.add(header);
		return new WrkLoad(this.target, this.threads, this.connections, this.duration, this.timeout, more, this.script);
	}

	public WrkLoad script(Path script) {
		return new WrkLoad(this.target, this.threads, this.connections, this.duration, this.timeout, this.headers,
				script);
	}

	/** The command line, {@code wrk} first. */
	public List<String> command() {
		List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t" + this.threads, "-c" + this.connections,
				"-d" + this.duration.toSeconds() + "s", "--timeout", this.timeout.toSeconds() + "s"));
		for (String header : this.headers) {
			command.add("-H");
			command.add(header);
		}
		if (this.script != null) {
			command.add("-s");
			command.add(this.script.toString());
		}
		command.add(this.target.toString());
		return command;
	}

	/**
	 * How long the process may take before it is considered hung: the run plus connection
	 * set-up and teardown.
	 */
	public Duration processTimeout() {
		return this.duration.plus(this.timeout).plusSeconds(15);
	}

	/** For reports: {@code wrk -t2 -c64 -d10s}. */
	public String summary() {
		return "wrk -t" + this.threads + " -c" + this.connections + " -d" + this.duration.toSeconds() + "s";
	}

}
