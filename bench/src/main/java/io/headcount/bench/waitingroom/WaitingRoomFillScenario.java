package io.headcount.bench.waitingroom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.reference.References;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product drop on one waiting-room-service instance: the queue of one room filled to
 * its capacity by distinct users joining over HTTP as fast as the service answers (each
 * join one room.lua call that also writes its event to the outbox), then the whole queue
 * admitted at once by raising the shop's capacity (the admission loop's bounded batches).
 */
public final class WaitingRoomFillScenario implements Scenario {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String name() {
		return "waitingroom.fill";
	}

	@Override
	public String description() {
		return "one waiting-room-service (-Xmx1g, write rate limit off): 64 HTTP/1.1 clients join one room with "
				+ "200,000 distinct users (quick: 20,000), JWT per user minted beforehand; then the capacity is raised "
				+ "to the queue's size and the admission loop (100 ms rounds, 500 per call) empties it; clients in the "
				+ "bench JVM on the same 2 cores";
	}

	@Override
	public java.util.Set<String> modules() {
		return java.util.Set.of("waiting-room-service");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(10);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int places = context.pick(200_000, 20_000);
		int clients = 64;
		int port = ServiceLauncher.freePort();
		context.services()
			.startService("waiting-room-service", port, List.of("-Xms1g", "-Xmx1g"),
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "HEADCOUNT_WAITINGROOM_JOINSPERSECOND", "0",
							"HEADCOUNT_OUTBOX_MAXBACKLOG", "2000000", "LOGGING_LEVEL_ROOT", "WARN",
							"HEADCOUNT_WAITINGROOM_TOKENS_KEYS", Tokens.admissionKeys("bench")));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String base = "http://127.0.0.1:" + port;
		String room = "bench-" + Long.toHexString(System.nanoTime());
		String admin = Tokens.mint(context.jwtSecret(), "bench-admin", Duration.ofHours(2), "admin");
		putRoom(http, base, room, admin, 1, places);
		String[] tokens = new String[places];
		for (int i = 0; i < places; i++) {
			tokens[i] = Tokens.mint(context.jwtSecret(), room + "-" + i, Duration.ofHours(2));
		}
		AtomicInteger next = new AtomicInteger();
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			workers.add(Thread.ofVirtual().start(() -> {
				for (int i = next.getAndIncrement(); i < places; i = next.getAndIncrement()) {
					try {
						HttpResponse<Void> answer = http
							.send(HttpRequest.newBuilder(URI.create(base + "/v1/rooms/" + room + "/entries"))
								.header("Authorization", "Bearer " + tokens[i])
								.POST(HttpRequest.BodyPublishers.noBody())
								.build(), HttpResponse.BodyHandlers.discarding());
						statuses.merge(answer.statusCode(), 1, Integer::sum);
					}
					catch (Exception ex) {
						statuses.merge(-1, 1, Integer::sum);
					}
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double fillSeconds = (System.nanoTime() - started) / 1e9;
		JsonNode filled = room(http, base, room, admin);
		long waiting = filled.path("live").path("waiting").asLong();
		System.out.printf("waitingroom.fill: %d joins in %.1f s, answers %s, %d waiting%n", places, fillSeconds,
				statuses, waiting);
		if (statuses.getOrDefault(200, 0) != places || waiting != places - 1) {
			throw new IllegalStateException("the queue did not fill: answers " + statuses + ", waiting " + waiting);
		}

		long admitStarted = System.nanoTime();
		putRoom(http, base, room, admin, places, places);
		while (room(http, base, room, admin).path("live").path("waiting").asLong() > 0) {
			Thread.sleep(100);
			if (System.nanoTime() - admitStarted > Duration.ofMinutes(5).toNanos()) {
				throw new IllegalStateException("the queue was not admitted within 5 minutes");
			}
		}
		double admitSeconds = (System.nanoTime() - admitStarted) / 1e9;
		System.out.printf("waitingroom.fill: %d admitted in %.1f s%n", places - 1, admitSeconds);
		return List.of(
				Result.against(name() + ".joins", places / fillSeconds, Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT),
				Result.of(name() + ".fill-seconds", fillSeconds, "s"), Result.against(name() + ".admissions",
						(places - 1) / admitSeconds, "admissions/s", References.REDIS_INCR_THROUGHPUT));
	}

	private static void putRoom(HttpClient http, String base, String room, String admin, int capacity, int queue)
			throws Exception {
		String body = json.writeValueAsString(Map.of("activeCapacity", capacity, "queueCapacity", queue,
				"maxShoppingSeconds", 3_600, "heartbeatTimeoutSeconds", 3_600, "webshopUrl", "https://shop.example/"));
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/rooms/" + room))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("PUT room: " + answer.statusCode() + " " + answer.body());
		}
	}

	private static JsonNode room(HttpClient http, String base, String room, String admin) throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/rooms/" + room))
			.header("Authorization", "Bearer " + admin)
			.build(), HttpResponse.BodyHandlers.ofString());
		return json.readTree(answer.body());
	}

}
