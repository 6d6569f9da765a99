package io.headcount.bench.presence;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three presence benchmarks of issue 3, each against presence-service processes started from the
 * jar on devstack's servers. Figures are returned as records for the report.
 */
public final class PresenceBenchmarks {

	private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

	private static final Pattern USER = Pattern.compile("\"userId\":\"([^\"]+)\"");

	private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z]+)\"");

	private PresenceBenchmarks() {
	}

	/**
	 * Open WebSockets on one instance and heap per idle connection: a first client process opens
	 * {@code perProcess} connections (warm-up and baseline), then more processes open the rest; the heap
	 * after full GCs with all open minus the baseline, divided by the extra connections.
	 */
	public static Connections connections(Map<String, String> stack, Path root, int total, int perProcess)
			throws Exception {
		String heap = "2g";
		List<Process> holders = new ArrayList<>();
		try (PresenceInstance service = PresenceInstance.start(root, stack, "ws-hold", heap, List.of())) {
			long started = System.nanoTime();
			int baselineConnections = hold(holders, service, Math.min(perProcess, total), "warm");
			long baselineHeap = service.heapAfterGc();
			int rest = total - baselineConnections;
			List<CompletableFuture<Integer>> more = new ArrayList<>();
			for (int i = 0; rest > 0; i++) {
				int count = Math.min(perProcess, rest);
				rest -= count;
				int index = i;
				more.add(CompletableFuture.supplyAsync(() -> {
					try {
						return hold(holders, service, count, "p" + index + "-");
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			int open = baselineConnections;
			for (CompletableFuture<Integer> f : more) {
				open += f.get(10, TimeUnit.MINUTES);
			}
			Duration openTime = PresenceInstance.since(started);
			long heapAll = service.heapAfterGc();
			long perConnection = (open > baselineConnections) ? (heapAll - baselineHeap) / (open - baselineConnections) : 0;
			return new Connections(open, holders.size(), perProcess, perConnection, baselineHeap, heapAll, openTime, heap);
		}
		finally {
			for (Process holder : holders) {
				holder.getOutputStream().close();
				holder.destroy();
			}
		}
	}

	private static int hold(List<Process> holders, PresenceInstance service, int count, String prefix) throws Exception {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
				"-cp", System.getProperty("java.class.path"), ConnectionHolder.class.getName(),
				service.webSocket().toString(), Integer.toString(count), PresenceInstance.SECRET,
				"bench-" + prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		synchronized (holders) {
			holders.add(process);
		}
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
		String line;
		while ((line = out.readLine()) != null) {
			if (line.startsWith("open ")) {
				return Integer.parseInt(line.substring(5).trim());
			}
		}
		throw new IllegalStateException("connection holder exited before opening its connections");
	}

	/**
	 * Heartbeats per second on one instance: {@code connections} WebSockets, each keeping {@code window}
	 * heartbeat frames in flight (a frame is acknowledged after Redis applied it).
	 */
	public static Heartbeats heartbeats(Map<String, String> stack, Path root, int connections, int window,
			Duration warmUp, Duration measured) throws Exception {
		try (PresenceInstance service = PresenceInstance.start(root, stack, "hb", "1g", List.of())) {
			LongAdder acks = new LongAdder();
			List<BenchSocket> sockets = new ArrayList<>();
			AtomicLong ids = new AtomicLong();
			String run = "hb-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
			java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
			volatileStop = false;
			for (int i = 0; i < connections; i++) {
				BenchSocket[] holder = new BenchSocket[1];
				BenchSocket socket = BenchSocket.open(service.webSocket(), Jwt.mint(PresenceInstance.SECRET, run + i, Duration.ofHours(1)),
						(message) -> {
							if (message.contains("\"ack\"")) {
								acks.increment();
								if (!volatileStop) {
									senders.execute(() -> holder[0].send(heartbeat(ids.incrementAndGet())));
								}
							}
						}).get(30, TimeUnit.SECONDS);
				holder[0] = socket;
				sockets.add(socket);
			}
			for (BenchSocket socket : sockets) {
				for (int w = 0; w < window; w++) {
					socket.send(heartbeat(ids.incrementAndGet()));
				}
			}
			Thread.sleep(warmUp.toMillis());
			long before = acks.sum();
			long start = System.nanoTime();
			Thread.sleep(measured.toMillis());
			long count = acks.sum() - before;
			Duration took = PresenceInstance.since(start);
			volatileStop = true;
			sockets.forEach(BenchSocket::close);
			senders.shutdownNow();
			return new Heartbeats(connections, window, count, took, count * 1e9 / took.toNanos());
		}
	}

	private static volatile boolean volatileStop;

	private static String heartbeat(long id) {
		return "{\"type\":\"heartbeat\",\"id\":\"" + id + "\"}";
	}

	/**
	 * Fan-out latency: {@code publishers} users on instance B change status; {@code subscribers}
	 * connections on instance A watch all of them. Each publisher sends its next change once every
	 * subscriber got the previous one; latency is from sending the status frame on B to receiving the
	 * presence frame on A, for every subscriber.
	 */
	public static FanOut fanOut(Map<String, String> stack, Path root, int subscribers, int publishers, int changes)
			throws Exception {
		try (PresenceInstance a = PresenceInstance.start(root, stack, "fan-a", "1g", List.of());
				PresenceInstance b = PresenceInstance.start(root, stack, "fan-b", "1g", List.of())) {
			String run = "fan-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
			List<String> users = new ArrayList<>();
			for (int i = 0; i < publishers; i++) {
				users.add(run + "pub" + i);
			}
			Map<String, Long> sentAt = new ConcurrentHashMap<>();
			Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();
			ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
			List<BenchSocket> sockets = new ArrayList<>();
			CountDownLatch snapshots = new CountDownLatch(subscribers);
			for (int s = 0; s < subscribers; s++) {
				BenchSocket socket = BenchSocket.open(a.webSocket(), Jwt.mint(PresenceInstance.SECRET, run + "sub" + s,
						Duration.ofHours(1)), (message) -> {
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
						}).get(30, TimeUnit.SECONDS);
				socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + String.join("\",\"", users) + "\"]}");
				sockets.add(socket);
			}
			if (!snapshots.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("subscriptions not confirmed");
			}
			List<CompletableFuture<Void>> runs = new ArrayList<>();
			int perPublisher = Math.max(1, changes / publishers);
			for (String user : users) {
				BenchSocket publisher = BenchSocket.open(b.webSocket(), Jwt.mint(PresenceInstance.SECRET, user,
						Duration.ofHours(1)), (message) -> {
						}).get(30, TimeUnit.SECONDS);
				sockets.add(publisher);
				runs.add(CompletableFuture.runAsync(() -> {
					try {
						// the connection made the user online; wait until that is out of the way
						Thread.sleep(2000);
						for (int c = 0; c < perPublisher; c++) {
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
				}));
			}
			for (CompletableFuture<Void> r : runs) {
				r.get(10, TimeUnit.MINUTES);
			}
			sockets.forEach(BenchSocket::close);
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			int expected = perPublisher * publishers * subscribers;
			return new FanOut(subscribers, publishers, perPublisher * publishers, expected, sorted.length,
					percentile(sorted, 0.50), percentile(sorted, 0.99), (sorted.length > 0) ? sorted[sorted.length - 1] / 1e6 : 0);
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

	/** Open WebSockets on one instance and heap per idle connection. */
	public record Connections(int open, int processes, int perProcess, long heapBytesPerConnection, long baselineHeapBytes,
			long heapBytesWithAll, Duration openTime, String serverHeap) {
	}

	/** Acknowledged heartbeats per second on one instance. */
	public record Heartbeats(int connections, int window, long acknowledged, Duration measured, double perSecond) {
	}

	/** Status-change fan-out from instance B to subscribers on instance A; latencies in ms. */
	public record FanOut(int subscribers, int publishers, int changes, int expectedDeliveries, int deliveries,
			double p50Millis, double p99Millis, double maxMillis) {
	}

	/** {@code PresenceBenchmarks connections|heartbeats|fanout} with devstack properties from stack.env. */
	public static void main(String[] args) throws Exception {
		io.headcount.devstack.DevStack stack = io.headcount.devstack.DevStack.shared();
		Path root = Path.of(System.getProperty("headcount.root", ".")).toAbsolutePath();
		Map<String, String> properties = stack.springProperties();
		String which = (args.length > 0) ? args[0] : "all";
		if (which.equals("connections") || which.equals("all")) {
			System.out.println(connections(properties, root, 15_000, 5_000));
		}
		if (which.equals("heartbeats") || which.equals("all")) {
			System.out.println(heartbeats(properties, root, 200, 16, Duration.ofSeconds(10), Duration.ofSeconds(20)));
		}
		if (which.equals("fanout") || which.equals("all")) {
			System.out.println(fanOut(properties, root, 20, 50, 2000));
		}
		System.out.println(Arrays.toString(args) + " done");
		System.exit(0);
	}

}
