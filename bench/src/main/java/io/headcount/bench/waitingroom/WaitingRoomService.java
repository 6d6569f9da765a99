package io.headcount.bench.waitingroom;

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
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.headcount.bench.BenchContext;
import io.headcount.bench.load.Loopback;
import io.headcount.bench.load.WrkLoad;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One waiting-room-service instance for the waiting-room benchmarks (write rate limit and
 * per-client join rate off, the outbox's backlog limit above a drop's events), its rooms
 * over the admin API, and the joins and heartbeats of many distinct users sent by wrk:
 * every user's JWT is minted beforehand into a file that the wrk script reads, so the
 * load client costs wrk's few µs per request instead of the JDK HttpClient's 200 – 340 µs
 * on the same two cores.
 */
final class WaitingRoomService {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final BenchContext context;

	private final ChildProcess process;

	private final int port;

	private final String admin;

	private WaitingRoomService(BenchContext context, ChildProcess process, int port) {
		this.context = context;
		this.process = process;
		this.port = port;
		this.admin = Tokens.mint(context.jwtSecret(), "bench-admin", Duration.ofHours(2), "admin");
	}

	static WaitingRoomService start(BenchContext context, String heap) {
		int port = ServiceLauncher.freePort();
		ChildProcess process = context.services()
			.startService("waiting-room-service", port, List.of("-Xms" + heap, "-Xmx" + heap),
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_WAITINGROOM_JOINSPERSECOND", "0",
							"HEADCOUNT_OUTBOX_MAXBACKLOG", "2000000", "LOGGING_LEVEL_ROOT", "WARN",
							"HEADCOUNT_WAITINGROOM_TOKENS_KEYS", Tokens.admissionKeys("bench")));
		return new WaitingRoomService(context, process, port);
	}

	ChildProcess process() {
		return this.process;
	}

	URI base() {
		return Loopback.uri(this.port, "/");
	}

	URI webSocket(String room) {
		return URI.create("ws://" + Loopback.HOST + ":" + this.port + "/ws/rooms/" + room);
	}

	/** Creates or replaces a room (heartbeat timeout 1 h, so nobody is evicted idle). */
	void putRoom(String room, int capacity, int queue) throws Exception {
		String body = json.writeValueAsString(Map.of("activeCapacity", capacity, "queueCapacity", queue,
				"maxShoppingSeconds", 3_600, "heartbeatTimeoutSeconds", 3_600, "webshopUrl", "https://shop.example/"));
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base().resolve("/v1/rooms/" + room))
			.header("Authorization", "Bearer " + this.admin)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("PUT room: " + answer.statusCode() + " " + answer.body());
		}
	}

	/** {@code GET /v1/rooms/{room}}: the configuration and live figures. */
	JsonNode room(String room) throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base().resolve("/v1/rooms/" + room))
			.header("Authorization", "Bearer " + this.admin)
			.build(), HttpResponse.BodyHandlers.ofString());
		return json.readTree(answer.body());
	}

	long waiting(String room) throws Exception {
		return room(room).path("live").path("waiting").asLong();
	}

	/**
	 * Polls the room's number of waiting users every 100 ms until {@code done} holds.
	 * @return when it did ({@link System#nanoTime()})
	 */
	long awaitWaiting(String room, LongPredicate done, Duration timeout, ChildProcess load) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long waiting = waiting(room);
			if (done.test(waiting)) {
				return System.nanoTime();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("room " + room + " still at " + waiting + " waiting after " + timeout);
			}
			if (!load.isAlive()) {
				throw new IllegalStateException(
						"wrk ended with " + waiting + " waiting in " + room + ": " + load.logTail(20));
			}
			Thread.sleep(100);
		}
	}

	/** The JWTs of users {@code prefix + 0 … count - 1}, one per line. */
	Path tokens(String prefix, int count) throws IOException {
		List<String> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			tokens.add(Tokens.mint(this.context.jwtSecret(), prefix + i, Duration.ofHours(6)));
		}
		Path file = this.context.workDir().resolve("waitingroom-" + prefix + "tokens.txt");
		Files.createDirectories(file.getParent());
		Files.write(file, tokens, StandardCharsets.US_ASCII);
		return file;
	}

	/**
	 * wrk (2 threads, 64 connections) joining {@code room} once with each user of the
	 * token file (thread {@code t} takes lines {@code t, t + 2, …}); a thread stops once
	 * it has as many answers as users plus one (wrk sends a thread's first request to
	 * itself to check it, so that user is sent again at the end, with a rejoin of the
	 * next: the same place). Started, not awaited: the caller watches the room and stops
	 * it.
	 */
	ChildProcess joins(String room, Path tokens, Duration longest) throws IOException {
		return wrk("joins-" + room, tokens, """
				request = function()
				  n = n + 1
				  return wrk.format("POST", "/v1/rooms/%s/entries",
				    { ["Authorization"] = "Bearer " .. tokens[(n - 1) %% #tokens + 1] })
				end
				response = function(status, headers, body)
				  answered = answered + 1
				  if answered > #tokens then
				    wrk.thread:stop()
				  end
				end
				""".formatted(room), longest);
	}

	/**
	 * wrk (2 threads, 64 connections) heartbeating in {@code room} with the users of the
	 * token file in turn, for {@code duration}.
	 */
	ChildProcess heartbeats(String room, Path tokens, Duration duration) throws IOException {
		return wrk("heartbeats-" + room, tokens, """
				request = function()
				  n = n + 1
				  return wrk.format("POST", "/v1/rooms/%s/entries/me/heartbeat",
				    { ["Authorization"] = "Bearer " .. tokens[(n - 1) %% #tokens + 1] })
				end
				""".formatted(room), duration);
	}

	private ChildProcess wrk(String name, Path tokens, String request, Duration duration) throws IOException {
		String lua = """
				local threads = {}
				function setup(thread)
				  thread:set("tid", #threads)
				  table.insert(threads, thread)
				end
				function init(args)
				  tokens = {}
				  local i = 0
				  local all = {}
				  for line in io.lines("%s") do
				    all[#all + 1] = line
				    if i %% 2 == tid then
				      tokens[#tokens + 1] = line
				    end
				    i = i + 1
				  end
				  -- a file of one user: both threads send it (the second a rejoin)
				  if #tokens == 0 then
				    tokens = all
				  end
				  n = 0
				  answered = 0
				end
				""".formatted(tokens.toAbsolutePath()) + request;
		Path script = this.context.workDir().resolve("waitingroom-" + name + ".lua");
		Files.writeString(script, lua, StandardCharsets.UTF_8);
		WrkLoad load = WrkLoad.of(base()).threads(2).connections(64).duration(duration).script(script);
		return this.context.processes().start("wrk-" + name, load.command(), Map.of());
	}

}
