package io.headcount.devstack.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.headcount.devstack.DevStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards provisioned by docker-compose are valid and every query they
 * hold works: each panel target (and each template variable) runs against devstack's real
 * InfluxDB, filled with a minute of points shaped exactly as
 * {@code micrometer-registry-influx} writes them, and returns data. Grafana's macros are
 * replaced the way Grafana does: {@code $timeFilter} by a time range, {@code $__interval}
 * by the panels' 1 s minimum interval, a template variable by the first value its own
 * query returns.
 */
class GrafanaDashboardTests {

	private static final Path dashboards = Path.of("..", "grafana", "dashboards");

	private static final List<String> files = List.of("headcount-overview.json", "headcount-presence.json",
			"headcount-counters.json");

	private static final String DATASOURCE_UID = "headcount-influx";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");

	private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

	private static final double ONLINE_USERS = 1234;

	private static DevStack stack;

	@BeforeAll
	static void writeAMinuteOfFleetMetrics() {
		stack = DevStack.shared();
		SampleFleet.write(stack, System.currentTimeMillis());
	}

	@Test
	void dashboardsAreProvisionableGrafanaJsonOnTheHeadcountDatasource() {
		try (Stream<Path> present = list(dashboards)) {
			assertThat(present.map((file) -> file.getFileName().toString())).as("files in %s", dashboards)
				.containsExactlyInAnyOrderElementsOf(files);
		}
		List<String> uids = new ArrayList<>();
		for (String file : files) {
			JsonNode board = read(file);
			uids.add(board.path("uid").asString());
			assertThat(board.path("title").asString()).as(file).startsWith("Headcount");
			assertThat(board.path("schemaVersion").asInt()).as("%s schemaVersion", file).isGreaterThanOrEqualTo(39);
			assertThat(board.path("id").isMissingNode() || board.path("id").isNull())
				.as("%s has no database id (provisioning assigns one)", file)
				.isTrue();
			List<JsonNode> panels = panels(board);
			assertThat(panels).as("%s panels", file).isNotEmpty();
			for (JsonNode panel : panels) {
				String where = file + " / " + panel.path("title").asString();
				assertDatasource(panel.path("datasource"), where);
				assertThat(panel.path("gridPos").path("w").asInt()).as("%s width", where).isBetween(1, 24);
				assertThat(panel.path("targets")).as("%s targets", where).isNotEmpty();
				for (JsonNode target : panel.path("targets")) {
					String query = target.path("query").asString();
					assertDatasource(target.path("datasource"), where);
					assertThat(target.path("rawQuery").asBoolean()).as("%s rawQuery", where).isTrue();
					assertThat(query).as(where)
						.startsWith("SELECT ")
						.contains("$timeFilter", "GROUP BY time($__interval)");
					if (query.contains("$__interval_ms")) {
						// rate = sum of the 1 s steps / bucket length: a bucket shorter
						// than a step would overstate
						assertThat(panel.path("interval").asString()).as("%s min interval", where).isEqualTo("1s");
					}
				}
			}
			for (JsonNode variable : board.path("templating").path("list")) {
				assertDatasource(variable.path("datasource"), file + " / $" + variable.path("name").asString());
				assertThat(variable.path("query").asString()).startsWith("SHOW TAG VALUES");
			}
		}
		assertThat(uids).doesNotHaveDuplicates().allMatch((uid) -> uid.matches("[a-z0-9-]{1,40}"));
	}

	@TestFactory
	Stream<DynamicTest> everyPanelQueryReturnsDataFromInfluxDb() {
		List<DynamicTest> tests = new ArrayList<>();
		for (String file : files) {
			JsonNode board = read(file);
			Map<String, String> variables = resolveVariables(board);
			for (JsonNode panel : panels(board)) {
				for (JsonNode target : panel.path("targets")) {
					String name = file + " / " + panel.path("title").asString() + " / "
							+ target.path("refId").asString();
					String query = interpolate(target.path("query").asString(), variables);
					tests.add(DynamicTest.dynamicTest(name,
							() -> assertThat(values(query, name)).as("%s: only nulls from %s", name, query)
								.anyMatch((value) -> !value.isNull())));
				}
			}
		}
		return tests.stream();
	}

	@Test
	void onlineUsersAreTheFleetFigureThroughALeaseHandover() {
		String query = interpolate(target("headcount-overview.json", "Online users", "A"), Map.of());

		List<JsonNode> values = values(query, query).stream().filter((value) -> !value.isNull()).toList();

		// two replicas reported it in turn: a bucket is the fleet's figure, never one per
		// replica added up
		assertThat(values).hasSizeGreaterThanOrEqualTo(SampleFleet.SECONDS - 1)
			.allMatch((value) -> value.asDouble() == ONLINE_USERS);
	}

	@Test
	void requestRateIsPerSecondOverInstancesAndEndpointsWithoutActuator() {
		String query = interpolate(target("headcount-overview.json", "HTTP requests/s by service", "A"),
				Map.of("service", "counter-service"));

		List<JsonNode> values = values(query, query).stream().filter((value) -> !value.isNull()).toList();

		assertThat(values).hasSizeGreaterThanOrEqualTo(SampleFleet.SECONDS - 1)
			.allMatch((value) -> value.asDouble() == SampleFleet.COUNTER_SERVICE_REQUESTS_PER_SECOND);
	}

	@Test
	void outboxBacklogOfANodeIsSummedOverTheInstancesThatRelayItsStreams() {
		String query = interpolate(target("headcount-overview.json", "Outbox backlog by Redis node", "A"),
				Map.of("service", "counter-service"));

		List<JsonNode> values = values(query, query).stream().filter((value) -> !value.isNull()).toList();

		assertThat(values).hasSizeGreaterThanOrEqualTo(SampleFleet.SECONDS - 1)
			.allMatch((value) -> value.asDouble() == 2 * SampleFleet.OUTBOX_BACKLOG);
	}

	private static Map<String, String> resolveVariables(JsonNode board) {
		Map<String, String> resolved = new LinkedHashMap<>();
		for (JsonNode variable : board.path("templating").path("list")) {
			String name = variable.path("name").asString();
			String query = interpolate(variable.path("query").asString(), resolved);
			JsonNode series = series(query, "$" + name);
			assertThat(series).as("$%s: %s", name, query).isNotEmpty();
			// SHOW TAG VALUES answers rows of [key, value]; Grafana preselects the first
			// value
			resolved.put(name, series.get(0).path("values").get(0).get(1).asString());
		}
		return resolved;
	}

	/**
	 * Replaces Grafana's macros and template variables the way Grafana does for a raw
	 * InfluxQL query.
	 */
	static String interpolate(String query, Map<String, String> variables) {
		String expanded = query.replace("$timeFilter", "time > now() - 5m")
			.replace("$__interval_ms", "1000")
			.replace("$__interval", "1s");
		Matcher matcher = VARIABLE.matcher(expanded);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = Stream.of(matcher.group(1), matcher.group(2), matcher.group(3))
				.filter((group) -> group != null)
				.findFirst()
				.orElseThrow();
			String value = variables.get(name);
			if (value == null) {
				fail("Unknown template variable $%s in %s", name, query);
			}
			// inside /.../ Grafana escapes regex characters of the value
			String escaped = REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0");
			matcher.appendReplacement(result, Matcher.quoteReplacement(escaped));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * Every value (not the time column) of every row of every series; fails on any error
	 * InfluxDB reports.
	 */
	private static List<JsonNode> values(String query, String what) {
		List<JsonNode> values = new ArrayList<>();
		for (JsonNode series : series(query, what)) {
			for (JsonNode row : series.path("values")) {
				for (int column = 1; column < row.size(); column++) {
					values.add(row.get(column));
				}
			}
		}
		return values;
	}

	private static JsonNode series(String query, String what) {
		JsonNode answer = json.readTree(stack.influxQuery(query));
		assertThat(answer.path("error").isMissingNode()).as("%s: %s -> %s", what, query, answer).isTrue();
		JsonNode result = answer.path("results").path(0);
		assertThat(result.path("error").isMissingNode()).as("%s: %s -> %s", what, query, answer).isTrue();
		assertThat(result.path("series")).as("%s: no series from %s -> %s", what, query, answer).isNotEmpty();
		return result.path("series");
	}

	private static String target(String file, String title, String refId) {
		for (JsonNode panel : panels(read(file))) {
			if (panel.path("title").asString().equals(title) && panel.path("type").asString().equals("timeseries")) {
				for (JsonNode target : panel.path("targets")) {
					if (target.path("refId").asString().equals(refId)) {
						return target.path("query").asString();
					}
				}
			}
		}
		throw new AssertionError("No target " + refId + " in a time series panel '" + title + "' of " + file);
	}

	/**
	 * The panels that show data: rows are only headings, and a collapsed row holds its
	 * panels inside.
	 */
	private static List<JsonNode> panels(JsonNode board) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : board.path("panels")) {
			if (panel.path("type").asString().equals("row")) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	private static void assertDatasource(JsonNode datasource, String where) {
		assertThat(datasource.path("type").asString()).as("%s datasource type", where).isEqualTo("influxdb");
		assertThat(datasource.path("uid").asString()).as("%s datasource uid", where).isEqualTo(DATASOURCE_UID);
	}

	private static JsonNode read(String file) {
		try {
			return json.readTree(Files.readString(dashboards.resolve(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> list(Path directory) {
		try {
			return Files.list(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A minute of a small fleet's metrics as {@code micrometer-registry-influx} (API v1,
	 * step 1 s) writes them: one line per meter per step, the meter name in snake case
	 * (dots to underscores, hyphens kept), tags sorted by key with {@code metric_type}
	 * last, counters and gauges as field {@code value}, timers and distribution summaries
	 * as {@code sum,count,mean,upper} (times in milliseconds), the publishing instant in
	 * milliseconds.
	 */
	static final class SampleFleet {

		static final int SECONDS = 60;

		/**
		 * counter-service without actuator: 2 instances x (40 likes + 25 views + 30 reads
		 * + 1 x 503 + 2 x 429).
		 */
		static final double COUNTER_SERVICE_REQUESTS_PER_SECOND = 2 * (40 + 25 + 30 + 1 + 2);

		/** Records each instance's relay reports for the streams it holds. */
		static final double OUTBOX_BACKLOG = 40;

		private final List<String> lines = new ArrayList<>();

		private long timestamp;

		static void write(DevStack stack, long now) {
			SampleFleet fleet = new SampleFleet();
			long firstSecond = (now / 1000) - SECONDS;
			for (int second = 0; second < SECONDS; second++) {
				fleet.second(firstSecond + second, second);
			}
			fleet.post(stack);
		}

		private void second(long epochSecond, int second) {
			for (String instance : List.of("presence-1", "presence-2")) {
				at(epochSecond, instance);
				jvm("presence-service", instance, second);
				events("presence-service", instance, 12);
				boolean reporter = (instance.equals("presence-1") == (second < SECONDS / 2));
				gauge("headcount.fleet-gauges.lease", "presence-service", instance, Map.of(), reporter ? 1 : 0);
				if (reporter) {
					// the other replica's gauge is NaN, and the registry writes no point
					// for NaN
					gauge("headcount.presence.online.users", "presence-service", instance, Map.of(), ONLINE_USERS);
				}
				for (String status : List.of("online", "away", "offline", "invisible")) {
					counter("headcount.presence.transitions", "presence-service", instance, Map.of("status", status),
							status.equals("invisible") ? 0 : 5);
				}
				outbox("presence-service", instance, "presence",
						instance.equals("presence-1") ? "127.0.0.1:7001" : "127.0.0.1:7003", 12);
				gauge("headcount.presence.websocket.connections", "presence-service", instance, Map.of(), 600 + second);
				gauge("headcount.websocket.sessions", "presence-service", instance, Map.of(), 0);
				counter("headcount.rate-limit.rejected", "presence-service", instance, Map.of(), 0);
				http("presence-service", instance, "PUT", "/v1/presence/me", 200, 20, 4.2);
				http("presence-service", instance, "POST", "/v1/presence/me/heartbeat", 200, 150, 1.1);
				http("presence-service", instance, "GET", "/v1/presence", 200, 35, 2.5);
				http("presence-service", instance, "GET", "/v1/presence", 401, 1, 0.4);
			}
			for (String instance : List.of("counter-1", "counter-2")) {
				at(epochSecond, instance);
				jvm("counter-service", instance, second);
				events("counter-service", instance, 65);
				// both counter instances relay streams of one node: the panel adds them
				// up
				outbox("counter-service", instance, "counter", "127.0.0.1:7001", 65);
				counter("headcount.counter.changes", "counter-service", instance, Map.of("counter", "likes"), 40);
				counter("headcount.counter.changes", "counter-service", instance, Map.of("counter", "views"), 25);
				counter("headcount.counter.changes", "counter-service", instance, Map.of("counter", "generic"), 0);
				gauge("headcount.counter.hot.objects", "counter-service", instance, Map.of(), 3);
				gauge("headcount.counter.nearcache.hit.ratio", "counter-service", instance, Map.of(), 0.93);
				summary("headcount.counter.batch.size", "counter-service", instance, 13, 65, 9);
				summary("headcount.counter.script.changes", "counter-service", instance, 4, 65, 30);
				gauge("headcount.fleet-gauges.lease", "counter-service", instance, Map.of(), 0);
				counter("headcount.rate-limit.rejected", "counter-service", instance, Map.of(), 2);
				http("counter-service", instance, "PUT", "/v1/objects/{objectId}/likes/me", 200, 40, 3.1);
				http("counter-service", instance, "POST", "/v1/objects/{objectId}/views", 202, 25, 1.8);
				http("counter-service", instance, "GET", "/v1/objects", 200, 30, 0.9);
				http("counter-service", instance, "PUT", "/v1/objects/{objectId}/likes/me", 503, 1, 2000.5);
				http("counter-service", instance, "PUT", "/v1/objects/{objectId}/likes/me", 429, 2, 0.3);
			}
			at(epochSecond, "waiting-room-1");
			jvm("waiting-room-service", "waiting-room-1", second);
			events("waiting-room-service", "waiting-room-1", 8);
			gauge("headcount.websocket.sessions", "waiting-room-service", "waiting-room-1", Map.of(), 350);
			counter("headcount.websocket.coalesced", "waiting-room-service", "waiting-room-1", Map.of(), 4);
			counter("headcount.websocket.slow-consumers", "waiting-room-service", "waiting-room-1", Map.of(), 0);
			counter("headcount.rate-limit.rejected", "waiting-room-service", "waiting-room-1", Map.of(), 0);
			http("waiting-room-service", "waiting-room-1", "GET", "/v1/rooms/{roomId}", 200, 80, 1.5);
			at(epochSecond, "stats-batch-1");
			jvm("stats-batch", "stats-batch-1", second);
			http("stats-batch", "stats-batch-1", "GET", "/v1/reports", 200, 0, 0);
		}

		/**
		 * Each instance publishes at its own offset into the second, as each registry's
		 * scheduler does.
		 */
		private void at(long epochSecond, String instance) {
			this.timestamp = epochSecond * 1000 + 100 + Math.floorMod(instance.hashCode(), 800);
		}

		private void jvm(String service, String instance, int second) {
			double heap = 64 * 1024 * 1024 + (second % 10) * 4 * 1024 * 1024;
			gauge("jvm.memory.used", service, instance, Map.of("area", "heap", "id", "G1 Eden Space"), heap);
			gauge("jvm.memory.used", service, instance, Map.of("area", "heap", "id", "G1 Old Gen"), 2 * heap);
			gauge("jvm.memory.used", service, instance, Map.of("area", "heap", "id", "G1 Survivor Space"), 1 << 20);
			gauge("jvm.memory.used", service, instance, Map.of("area", "nonheap", "id", "Metaspace"), 90 << 20);
			gauge("process.cpu.usage", service, instance, Map.of(), 0.12 + (second % 5) / 100.0);
			gauge("jvm.threads.live", service, instance, Map.of(), 42);
			// readiness probes: left out of the HTTP panels
			http(service, instance, "GET", "/actuator/health/{*path}", 200, 1, 0.7);
		}

		private void events(String service, String instance, int sentPerSecond) {
			gauge("headcount.events.queued", service, instance, Map.of(), 3);
			gauge("headcount.events.in-flight", service, instance, Map.of(), 7);
			counter("headcount.events.sent", service, instance, Map.of(), sentPerSecond);
			counter("headcount.events.retried", service, instance, Map.of(), 0);
			counter("headcount.events.dropped", service, instance, Map.of(), 0);
		}

		/**
		 * One instance's relay: the streams whose leases it holds are on {@code node}
		 * ({@code OutboxRelay}'s meters).
		 */
		private void outbox(String service, String instance, String outbox, String node, int relayedPerSecond) {
			Map<String, String> tags = Map.of("outbox", outbox, "node", node);
			gauge("headcount.outbox.backlog", service, instance, tags, OUTBOX_BACKLOG);
			gauge("headcount.outbox.oldest.age", service, instance, tags, 0.05);
			counter("headcount.outbox.relayed", service, instance, Map.of("outbox", outbox), relayedPerSecond);
			counter("headcount.outbox.send.failures", service, instance, Map.of("outbox", outbox), 0);
		}

		private void http(String service, String instance, String method, String uri, int status, long count,
				double meanMillis) {
			String outcome = switch (status / 100) {
				case 2 -> "SUCCESS";
				case 4 -> "CLIENT_ERROR";
				default -> "SERVER_ERROR";
			};
			Map<String, String> tags = Map.of("error", "none", "exception", "none", "method", method, "outcome",
					outcome, "status", Integer.toString(status), "uri", uri);
			SequencedMap<String, Double> fields = new LinkedHashMap<>();
			fields.put("sum", count * meanMillis);
			fields.put("count", (double) count);
			fields.put("mean", meanMillis);
			fields.put("upper", meanMillis * 3);
			line("http.server.requests", service, instance, tags, "histogram", fields);
		}

		private void gauge(String name, String service, String instance, Map<String, String> tags, double value) {
			line(name, service, instance, tags, "gauge", new LinkedHashMap<>(Map.of("value", value)));
		}

		private void counter(String name, String service, String instance, Map<String, String> tags, double value) {
			line(name, service, instance, tags, "counter", new LinkedHashMap<>(Map.of("value", value)));
		}

		private void summary(String name, String service, String instance, long count, double sum, double max) {
			SequencedMap<String, Double> fields = new LinkedHashMap<>();
			fields.put("sum", sum);
			fields.put("count", (double) count);
			fields.put("mean", sum / count);
			fields.put("upper", max);
			line(name, service, instance, Map.of(), "histogram", fields);
		}

		private void line(String name, String service, String instance, Map<String, String> tags, String metricType,
				SequencedMap<String, Double> fields) {
			Map<String, String> sorted = new TreeMap<>(tags);
			sorted.put("service", service);
			sorted.put("instance", instance);
			StringBuilder line = new StringBuilder(escape(name.replace('.', '_')));
			sorted.forEach((key, value) -> line.append(',').append(escape(key)).append('=').append(escape(value)));
			line.append(",metric_type=").append(metricType).append(' ');
			fields.forEach((key, value) -> line.append(key).append('=').append(decimal(value)).append(','));
			line.setLength(line.length() - 1);
			this.lines.add(line.append(' ').append(this.timestamp).toString());
		}

		/**
		 * InfluxNamingConvention: backslash before comma, space, equals sign and double
		 * quote.
		 */
		private static String escape(String value) {
			return value.replaceAll("([, =\"])", "\\\\$1");
		}

		/**
		 * DoubleFormat.decimalOrNan: up to six decimals, no trailing zeros, no exponent.
		 */
		private static String decimal(double value) {
			return new java.math.BigDecimal(value).setScale(6, java.math.RoundingMode.HALF_UP)
				.stripTrailingZeros()
				.toPlainString();
		}

		private void post(DevStack stack) {
			URI write = URI
				.create(stack.influxUrl() + "/write?consistency=one&precision=ms&db=" + stack.influxDatabase());
			try (HttpClient http = HttpClient.newHttpClient()) {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(write)
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(String.join("\n", this.lines)))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("InfluxDB /write: %s", response.body()).isEqualTo(204);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
