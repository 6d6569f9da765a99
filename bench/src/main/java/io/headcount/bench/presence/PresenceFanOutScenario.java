package io.headcount.bench.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.Tokens;

/**
 * Status-change fan-out latency across instances: publishers connected to instance B
 * change status (away/online) over their WebSocket; subscribers connected to instance A
 * watch all publishers. A publisher sends its next change 20–120 ms after every
 * subscriber got the previous one. Latency is from sending the status frame to B until a
 * subscriber on A receives the presence frame, for every subscriber and change (clients
 * share one clock: the bench JVM).
 */
public final class PresenceFanOutScenario implements Scenario {

	private static final Pattern USER = Pattern.compile("\"userId\":\"([^\"]+)\"");

	private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z]+)\"");

	@Override
	public String name() {
		return "presence.fanout";
	}

	@Override
	public String description() {
		return "50 publishers on instance B × 40 changes each (quick: 20 × 10), 20 subscribers on instance A "
				+ "watching all 50; Redis sharded pub/sub between the instances; latency send→receive per "
				+ "subscriber, two presence-service JVMs (ZGC, -Xmx1g) and the clients on the same 2 cores";
	}

	@Override
	public Set<String> modules() {
		return Set.of("presence-service");
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int subscribers = 20;
		int publishers = context.pick(50, 20);
		int perPublisher = context.pick(40, 10);
		PresenceService a = PresenceService.start(context, "1g");
		PresenceService b = PresenceService.start(context, "1g");
		String run = "fan-" + Long.toHexString(System.nanoTime()) + "-";
		List<String> users = new ArrayList<>();
		for (int i = 0; i < publishers; i++) {
			users.add(run + "pub" + i);
		}
		Map<String, Long> sentAt = new ConcurrentHashMap<>();
		Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		List<JsonWebSocket> sockets = new ArrayList<>();
		CountDownLatch snapshots = new CountDownLatch(subscribers);
		try {
			for (int s = 0; s < subscribers; s++) {
				JsonWebSocket socket = a
					.connect(Tokens.mint(context.jwtSecret(), run + "sub" + s, Duration.ofHours(1)), (message) -> {
						long now = System.nanoTime();
						String type = group(TYPE, message);
						if ("snapshot".equals(type)) {
							snapshots.countDown();
						}
						else if ("presence".equals(type)) {
							String user = group(USER, message);
							Long sent = sentAt.get(user);
							CountDownLatch latch = pending.get(user);
							if (sent != null && latch != null) {
								latencies.add(now - sent);
								latch.countDown();
							}
						}
					})
					.get(30, TimeUnit.SECONDS);
				socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + String.join("\",\"", users) + "\"]}");
				sockets.add(socket);
			}
			if (!snapshots.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("subscriptions were not confirmed within 60 s");
			}
			List<CompletableFuture<Void>> runs = new ArrayList<>();
			// one (virtual) thread per publisher: they mostly wait
			ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
			for (String user : users) {
				JsonWebSocket publisher = b
					.connect(Tokens.mint(context.jwtSecret(), user, Duration.ofHours(1)), (message) -> {
					})
					.get(30, TimeUnit.SECONDS);
				sockets.add(publisher);
				runs.add(CompletableFuture
					.runAsync(() -> publish(publisher, user, perPublisher, subscribers, sentAt, pending), threads));
			}
			for (CompletableFuture<Void> r : runs) {
				r.get(4, TimeUnit.MINUTES);
			}
			threads.shutdown();
		}
		finally {
			sockets.forEach(JsonWebSocket::close);
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		int expected = publishers * perPublisher * subscribers;
		return List.of(Result.of(name() + ".p50", percentile(sorted, 0.50), Result.MILLISECONDS),
				Result.of(name() + ".p99", percentile(sorted, 0.99), Result.MILLISECONDS),
				Result.of(name() + ".max", percentile(sorted, 1.0), Result.MILLISECONDS),
				Result.of(name() + ".delivered", 100.0 * sorted.length / expected, "%"));
	}

	private static void publish(JsonWebSocket publisher, String user, int changes, int subscribers,
			Map<String, Long> sentAt, Map<String, CountDownLatch> pending) {
		try {
			// connecting made the user online; let that change reach everyone first
			Thread.sleep(2000);
			for (int c = 0; c < changes; c++) {
				CountDownLatch latch = new CountDownLatch(subscribers);
				pending.put(user, latch);
				sentAt.put(user, System.nanoTime());
				publisher.send("{\"type\":\"status\",\"status\":\"" + ((c % 2 == 0) ? "away" : "online") + "\"}");
				latch.await(10, TimeUnit.SECONDS);
				pending.remove(user);
				Thread.sleep(ThreadLocalRandom.current().nextInt(20, 120));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	private static String group(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		return m.find() ? m.group(1) : null;
	}

}
