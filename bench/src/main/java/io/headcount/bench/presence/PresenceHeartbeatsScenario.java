package io.headcount.bench.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.headcount.bench.BenchContext;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.reference.References;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.Tokens;

/**
 * Heartbeats per second on one presence-service instance: WebSocket clients (one user and
 * device each) keep a window of heartbeat frames in flight; the service acknowledges a
 * frame after the Redis script applied it, so the rate counts heartbeats that reached
 * Redis (batched per shard).
 */
public final class PresenceHeartbeatsScenario implements Scenario {

	@Override
	public String name() {
		return "presence.heartbeats";
	}

	@Override
	public String description() {
		return "200 WebSocket clients × 16 heartbeat frames in flight against one presence-service (ZGC, -Xmx1g), "
				+ "acknowledged after Redis applied them; 10 s warm-up, 20 s measured (quick: 100 × 8, 3 s + 5 s); "
				+ "clients in the bench JVM on the same 2 cores";
	}

	@Override
	public Set<String> modules() {
		return Set.of("presence-service");
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int connections = context.pick(200, 100);
		int window = context.pick(16, 8);
		Duration warmUp = context.pick(Duration.ofSeconds(10), Duration.ofSeconds(3));
		Duration measured = context.pick(Duration.ofSeconds(20), Duration.ofSeconds(5));
		PresenceService service = PresenceService.start(context, "1g");
		LongAdder acks = new LongAdder();
		AtomicLong ids = new AtomicLong();
		List<JsonWebSocket> sockets = new ArrayList<>();
		String run = "hb-" + Long.toHexString(System.nanoTime()) + "-";
		ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
		Stop stop = new Stop();
		try {
			for (int i = 0; i < connections; i++) {
				JsonWebSocket[] self = new JsonWebSocket[1];
				self[0] = service.connect(Tokens.mint(context.jwtSecret(), run + i, Duration.ofHours(1)), (message) -> {
					if (message.contains("\"ack\"")) {
						acks.increment();
						if (!stop.now) {
							senders.execute(() -> self[0].send(heartbeat(ids.incrementAndGet())));
						}
					}
				}).get(30, TimeUnit.SECONDS);
				sockets.add(self[0]);
			}
			for (JsonWebSocket socket : sockets) {
				for (int w = 0; w < window; w++) {
					socket.send(heartbeat(ids.incrementAndGet()));
				}
			}
			Thread.sleep(warmUp.toMillis());
			long before = acks.sum();
			long start = System.nanoTime();
			Thread.sleep(measured.toMillis());
			long count = acks.sum() - before;
			double perSecond = count * 1e9 / (System.nanoTime() - start);
			return List.of(Result.against(name() + ".throughput", perSecond, Result.REQUESTS_PER_SECOND,
					References.HTTP_PING_THROUGHPUT));
		}
		finally {
			stop.now = true;
			sockets.forEach(JsonWebSocket::close);
			senders.shutdownNow();
		}
	}

	private static String heartbeat(long id) {
		return "{\"type\":\"heartbeat\",\"id\":\"" + id + "\"}";
	}

	private static final class Stop {

		volatile boolean now;

	}

}
