package io.headcount.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * InfluxDB 1.x from the {@code influxd} binary with its own configuration file: data in
 * the work directory, HTTP and the RPC service bound to 127.0.0.1 on free ports, and
 * nothing else listening (no UDP, Graphite, ...), so that it never clashes with a system
 * InfluxDB on 8086/8088.
 */
final class InfluxServer {

	static final String DATABASE = "headcount";

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final Binaries binaries;

	private final Path dir;

	private final StackRegistry registry;

	private final Duration timeout;

	private final int fixedPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private int port;

	private ServerProcess process;

	/**
	 * @param fixedPort the HTTP port to use (8086 for a Grafana set up for the defaults),
	 * or 0 for a free one
	 */
	InfluxServer(Binaries binaries, Path dir, StackRegistry registry, Duration timeout, int fixedPort) {
		this.binaries = binaries;
		this.dir = dir;
		this.registry = registry;
		this.timeout = timeout;
		this.fixedPort = fixedPort;
	}

	synchronized void start() {
		for (int attempt = 1;; attempt++) {
			if (this.fixedPort != 0 && !Ports.isFree(this.fixedPort)) {
				throw new IllegalStateException(
						"InfluxDB port " + this.fixedPort + " on 127.0.0.1 is in use; choose another or 0");
			}
			this.port = (this.fixedPort != 0) ? this.fixedPort : Ports.free(this.registry);
			this.process = configure(Ports.free(this.registry));
			this.process.start();
			try {
				this.process.awaitReady("answering GET /ping with 204 on " + url(), this.timeout,
						() -> send(HttpRequest.newBuilder(URI.create(url() + "/ping")).GET()).statusCode() == 204);
				break;
			}
			catch (ServerProcess.PortInUseException ex) {
				// Another process took a port between our check and influxd's bind: start
				// over on other ports.
				if (attempt == 3 || this.fixedPort != 0) {
					throw ex;
				}
				StackRegistry.deleteRecursively(this.dir);
			}
		}
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url() + "/query"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("q=" + encode("CREATE DATABASE \"" + DATABASE + "\""))));
		if (created.statusCode() != 200 || created.body().contains("\"error\"")) {
			throw new IllegalStateException("InfluxDB did not create database " + DATABASE + ": " + created.statusCode()
					+ " " + created.body() + "\n" + this.process.logTail(ServerProcess.TAIL_LINES));
		}
	}

	private ServerProcess configure(int rpcPort) {
		Path config = this.dir.resolve("influxdb.conf");
		try {
			Files.createDirectories(this.dir);
			Files.writeString(config, """
					reporting-disabled = true
					bind-address = "127.0.0.1:%2$d"

					[meta]
					  dir = "%3$s/meta"

					[data]
					  dir = "%3$s/data"
					  wal-dir = "%3$s/wal"
					  index-version = "inmem"
					  query-log-enabled = false

					[monitor]
					  store-enabled = false

					[subscriber]
					  enabled = false

					[http]
					  enabled = true
					  bind-address = "127.0.0.1:%1$d"
					  auth-enabled = false
					  log-enabled = false
					  pprof-enabled = false

					[logging]
					  level = "info"
					  suppress-logo = true

					[ifql]
					  enabled = false

					[continuous_queries]
					  enabled = false

					[[graphite]]
					  enabled = false

					[[collectd]]
					  enabled = false

					[[opentsdb]]
					  enabled = false

					[[udp]]
					  enabled = false
					""".formatted(this.port, rpcPort, this.dir));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + config, ex);
		}
		return new ServerProcess("influxd", List.of(this.binaries.influxd().toString(), "-config", config.toString()),
				this.dir, List.of(), this.registry);
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Runs an InfluxQL query on the headcount database; returns InfluxDB's JSON as is.
	 */
	String query(String influxQl) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(url() + "/query?db=" + encode(DATABASE) + "&q=" + encode(influxQl)))
					.GET());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"InfluxDB answered " + response.statusCode() + " to " + influxQl + ": " + response.body());
		}
		return response.body();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("InfluxDB at " + url() + " does not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling InfluxDB", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	synchronized void stop() {
		if (this.process != null) {
			this.process.stop(STOP_GRACE);
		}
	}

	void signalStop() {
		if (this.process != null) {
			this.process.signalStop();
		}
	}

	Optional<ProcessHandle> processHandle() {
		return Optional.ofNullable(this.process).flatMap(ServerProcess::handle);
	}

}
