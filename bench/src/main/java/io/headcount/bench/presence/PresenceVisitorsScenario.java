package io.headcount.bench.presence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.headcount.bench.BenchContext;
import io.headcount.bench.ProcessCpu;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.WrkLoad;
import io.headcount.bench.load.WrkResult;
import io.headcount.bench.reference.References;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;

/**
 * Site visitors on one presence-service instance (issue 13 item 10): wrk drives the
 * realistic mix of anonymous session calls, each session one open, ten heartbeats and one
 * close, with a Lua state machine per wrk thread; meanwhile a watcher on
 * {@code /ws/sites/{siteId}/visitors} of a probe site measures how long a change of the
 * true count (a probe session opened or closed) takes to reach it, the count's staleness
 * under load.
 */
public final class PresenceVisitorsScenario implements Scenario {

	private static final Pattern CONCURRENT = Pattern.compile("\"concurrent\":(\\d+)");

	private static final HttpClient http = HttpClient.newHttpClient();

	@Override
	public String name() {
		return "presence.visitors";
	}

	@Override
	public String description() {
		return "presence-service jar, one instance, write rate limit and open limit off. wrk -t2 -c64 -d10s (--quick: "
				+ "5 s) after a 10 s warm-up (3 s): per session one POST .../sessions, ten .../heartbeat, one "
				+ ".../close (a Lua state machine per wrk thread), no token; the site's timeout is an hour. During "
				+ "the measured run, 20 probe changes (open or close of a session of another site, one at a time) are "
				+ "timed from their 204/201 to the WebSocket push that shows them (push interval 1 s). Ratio to GET "
				+ "/ping on the trivial app; µs of CPU per call of the service, the Redis masters, their replicas and "
				+ "Kafka over the measured run (wrk's own CPU not included). First the same mix, warm-up and run against "
				+ "the yardstick's sessions (module yardstick: one sorted set per site, ZADD/ZADD XX/ZREM, a Kafka "
				+ "send without waiting on open and close), with its CPU per call, and Headcount's throughput as a "
				+ "ratio to it.";
	}

	@Override
	public Set<String> modules() {
		return Set.of("presence-service", "yardstick");
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		// the yardstick first, then Headcount on the machine it leaves (as
		// counter.yardstick)
		List<Result> results = yardstick(context);
		results.addAll(headcount(context));
		double headcountRate = value(results, name() + ".throughput");
		double yardstickRate = value(results, name() + ".yardstick.throughput");
		results.add(Result.of(name() + ".throughput-ratio-to-yardstick",
				Math.round(headcountRate / yardstickRate * 1000) / 1000.0, "x"));
		return results;
	}

	private static double value(List<Result> results, String name) {
		return results.stream()
			.filter((result) -> result.scenario().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no result " + name))
			.value();
	}

	/**
	 * The same mix against the yardstick's sessions (one sorted set per site, no
	 * sharding, no outbox: module {@code yardstick}), with the CPU per call of each
	 * process group.
	 */
	private List<Result> yardstick(BenchContext context) throws Exception {
		int port = ServiceLauncher.freePort();
		ChildProcess service = context.services().startService("yardstick", port, Map.of("LOGGING_LEVEL_ROOT", "WARN"));
		String site = "yardstick-" + Long.toHexString(System.nanoTime());
		URI base = Loopback.uri(port, "/");
		try {
			context.loads()
				.wrk(WrkLoad.of(base).duration(Duration.ofSeconds(context.pick(10, 3))).script(mix(context, site)));
			ProcessCpu cpu = ProcessCpu.of(service.pid(), context.devStack());
			Map<String, Duration> before = cpu.sample();
			WrkResult mix = context.loads()
				.wrk(WrkLoad.of(base).duration(Duration.ofSeconds(context.pick(10, 5))).script(mix(context, site)));
			Map<String, Duration> after = cpu.sample();
			if (mix.requests() == 0 || mix.errors() > 0) {
				throw new IllegalStateException("the yardstick's session mix must not fail, but wrk saw " + mix);
			}
			List<Result> results = new ArrayList<>(List.of(
					Result.of(name() + ".yardstick.throughput", mix.requestsPerSecond(), Result.REQUESTS_PER_SECOND),
					Result.of(name() + ".yardstick.p99", mix.percentileMs(99), Result.MILLISECONDS)));
			ProcessCpu.microsPerRequest(before, after, mix.requests())
				.forEach((group, micros) -> results
					.add(Result.of(name() + ".yardstick.cpu-per-call." + group, micros, "µs")));
			return results;
		}
		finally {
			context.processes().stop(service);
		}
	}

	private List<Result> headcount(BenchContext context) throws Exception {
		int port = ServiceLauncher.freePort();
		ChildProcess service = context.services()
			.startService("presence-service", port,
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_VISITORS_OPENSPERSECONDPERADDRESS",
							"1000000", "HEADCOUNT_VISITORS_OPENBURSTPERADDRESS", "1000000", "LOGGING_LEVEL_ROOT",
							"WARN", "HEADCOUNT_INSTANCEID", "visitors-bench"));
		String admin = Tokens.mint(context.jwtSecret(), "bench-admin", Duration.ofHours(2), "admin");
		String run = Long.toHexString(System.nanoTime());
		String site = "bench-" + run;
		String probeSite = "bench-probe-" + run;
		configure(port, site, admin);
		configure(port, probeSite, admin);
		URI base = Loopback.uri(port, "/");
		Duration warmUp = Duration.ofSeconds(context.pick(10, 3));
		Duration measure = Duration.ofSeconds(context.pick(10, 5));
		try {
			context.loads().wrk(WrkLoad.of(base).duration(warmUp).script(mix(context, site)));
			Staleness staleness = new Staleness(port, probeSite, admin);
			ProcessCpu cpu = ProcessCpu.of(service.pid(), context.devStack());
			if (!cpu.emptyGroups().isEmpty()) {
				throw new IllegalStateException("no process found for " + cpu.emptyGroups());
			}
			Thread probes = Thread.ofPlatform().name("visitors-probes").start(staleness);
			Map<String, Duration> cpuBefore = cpu.sample();
			WrkResult mix = context.loads().wrk(WrkLoad.of(base).duration(measure).script(mix(context, site)));
			Map<String, Duration> cpuAfter = cpu.sample();
			staleness.stop();
			probes.join(TimeUnit.SECONDS.toMillis(30));
			if (mix.requests() == 0 || mix.errors() > 0) {
				throw new IllegalStateException("the session mix must not fail, but wrk saw " + mix);
			}
			long[] lags = staleness.lags();
			Arrays.sort(lags);
			if (lags.length == 0) {
				throw new IllegalStateException("no probe change reached the watcher");
			}
			List<Result> results = new ArrayList<>(List.of(
					Result.against(name() + ".throughput", mix.requestsPerSecond(), Result.REQUESTS_PER_SECOND,
							References.HTTP_PING_THROUGHPUT),
					Result.of(name() + ".p99", mix.percentileMs(99), Result.MILLISECONDS),
					Result.of(name() + ".push-lag.p50", lags[lags.length / 2], Result.MILLISECONDS),
					Result.of(name() + ".push-lag.p99", lags[Math.min(lags.length - 1, lags.length * 99 / 100)],
							Result.MILLISECONDS)));
			// where a call's CPU goes; wrk's own is not in it (load-client is this JVM:
			// the probes)
			ProcessCpu.microsPerRequest(cpuBefore, cpuAfter, mix.requests())
				.forEach((group, micros) -> results.add(Result.of(name() + ".cpu-per-call." + group, micros, "µs")));
			return results;
		}
		finally {
			context.processes().stop(service);
		}
	}

	private static void configure(int port, String site, String admin) throws IOException, InterruptedException {
		HttpResponse<String> put = http.send(HttpRequest.newBuilder(Loopback.uri(port, "/v1/sites/" + site))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"allowedOrigins\":[],\"heartbeatSeconds\":60,"
					+ "\"sessionTimeoutSeconds\":3600,\"inactivitySeconds\":600}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (put.statusCode() != 200) {
			throw new IllegalStateException("PUT site: " + put.statusCode() + " " + put.body());
		}
	}

	/**
	 * Per wrk thread: sessions whose open was answered wait in a list; each request
	 * heartbeats the next one in turn (ten times), then closes it; with fewer than 128
	 * live or opening it opens a new one. So the mix is one open, ten heartbeats and one
	 * close per session, and with 128 sessions in turn over 32 connections a session's
	 * previous call has been answered before its next is sent.
	 */
	private static Path mix(BenchContext context, String site) throws IOException {
		String lua = """
				local threads = {}
				function setup(thread)
				  table.insert(threads, thread)
				end
				live = {}
				left = {}
				cursor = 1
				opening = 0
				request = function()
				  if #live + opening < 128 then
				    opening = opening + 1
				    return wrk.format("POST", "/v1/sites/%1$s/sessions")
				  end
				  if cursor > #live then cursor = 1 end
				  local id = live[cursor]
				  local n = left[id]
				  if n > 0 then
				    left[id] = n - 1
				    cursor = cursor + 1
				    return wrk.format("POST", "/v1/sites/%1$s/sessions/" .. id .. "/heartbeat")
				  end
				  table.remove(live, cursor)
				  left[id] = nil
				  return wrk.format("POST", "/v1/sites/%1$s/sessions/" .. id .. "/close")
				end
				response = function(status, headers, body)
				  if status == 201 then
				    opening = opening - 1
				    local id = string.match(body, '"sessionId":"([^"]+)"')
				    table.insert(live, id)
				    left[id] = 10
				  end
				end
				""".formatted(site);
		Path file = context.workDir().resolve("presence-visitors-mix.lua");
		Files.createDirectories(file.getParent());
		Files.writeString(file, lua, StandardCharsets.UTF_8);
		return file;
	}

	/**
	 * Changes the probe site's true count one session at a time and times each change's
	 * arrival at a WebSocket watcher.
	 */
	private static final class Staleness implements Runnable {

		private final int port;

		private final String site;

		private final String admin;

		private final List<Long> lags = new ArrayList<>();

		private volatile boolean stop;

		Staleness(int port, String site, String admin) {
			this.port = port;
			this.site = site;
			this.admin = admin;
		}

		@Override
		public void run() {
			AtomicLong seen = new AtomicLong(-1);
			AtomicReference<Object> signal = new AtomicReference<>();
			try (JsonWebSocket watcher = JsonWebSocket
				.to(URI.create("ws://127.0.0.1:" + this.port + "/ws/sites/" + this.site + "/visitors"))
				.bearer(this.admin)
				.onText((text) -> {
					Matcher m = CONCURRENT.matcher(text);
					if (m.find()) {
						seen.set(Long.parseLong(m.group(1)));
						synchronized (signal) {
							signal.notifyAll();
						}
					}
				})
				.open()) {
				String session = null;
				for (int i = 0; i < 20 && !this.stop; i++) {
					long expected = (session == null) ? 1 : 0;
					long started = System.nanoTime();
					if (session == null) {
						session = open();
					}
					else {
						close(session);
						session = null;
					}
					long deadline = started + TimeUnit.SECONDS.toNanos(10);
					synchronized (signal) {
						while (seen.get() != expected && System.nanoTime() < deadline) {
							signal.wait(50);
						}
					}
					if (seen.get() == expected) {
						synchronized (this.lags) {
							this.lags.add((System.nanoTime() - started) / 1_000_000);
						}
					}
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("staleness probe failed", ex);
			}
		}

		private String open() throws IOException, InterruptedException {
			HttpResponse<String> opened = http
				.send(HttpRequest.newBuilder(Loopback.uri(this.port, "/v1/sites/" + this.site + "/sessions"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(opened.body());
			if (opened.statusCode() != 201 || !id.find()) {
				throw new IllegalStateException("probe open: " + opened.statusCode() + " " + opened.body());
			}
			return id.group(1);
		}

		private void close(String session) throws IOException, InterruptedException {
			http.send(HttpRequest
				.newBuilder(Loopback.uri(this.port, "/v1/sites/" + this.site + "/sessions/" + session + "/close"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
		}

		void stop() {
			this.stop = true;
		}

		long[] lags() {
			synchronized (this.lags) {
				return this.lags.stream().mapToLong(Long::longValue).toArray();
			}
		}

	}

}
