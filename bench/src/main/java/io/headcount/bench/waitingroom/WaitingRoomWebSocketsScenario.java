package io.headcount.bench.waitingroom;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.headcount.bench.BenchContext;
import io.headcount.bench.ProcessCpu;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.websocket.ConnectionHolders;
import io.headcount.bench.websocket.JvmHeap;
import io.headcount.testsupport.ChildProcess;

/**
 * Waiting users on open WebSockets on one waiting-room-service instance, and heap per
 * idle connection, measured as {@code presence.websockets} does (shared:
 * {@link ConnectionHolders}, {@link JvmHeap}): the users join the room first (wrk), then
 * client processes of 5,000 connections each (one process may hold 20,000 files here)
 * open {@code /ws/rooms/{room}}, one per user. The first process's connections are the
 * baseline; heap per connection = (live bytes with all open − live bytes with the
 * baseline open) / the extra connections, each measured after the connections have been
 * idle longer than platform remembers a decoded JWT. Idle here means waiting without
 * moving: nobody is admitted (capacity 1, its shopper staying), so no frame is pushed,
 * but every push round (500 ms) still heartbeats every connected user, one script call
 * per 500 users; the CPU of those idle rounds is reported per connection and second.
 */
public final class WaitingRoomWebSocketsScenario implements Scenario {

	@Override
	public String name() {
		return "waitingroom.websockets";
	}

	@Override
	public String description() {
		return "15,000 waiting users (joined by wrk) holding /ws/rooms/{room} (3 client JVMs × 5,000, JWT in the "
				+ "header; quick: 2 × 1,000) on one waiting-room-service (ZGC, -Xmx2g); heap per connection = live "
				+ "objects (jcmd GC.class_histogram) after 65 s idle, baseline the first 5,000; then 20 s of idle "
				+ "push rounds (each heartbeating all connected users) for the CPU per connection";
	}

	@Override
	public Set<String> modules() {
		return Set.of("waiting-room-service");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(15);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int perProcess = context.pick(5_000, 1_000);
		int processes = context.pick(3, 2);
		WaitingRoomService service = WaitingRoomService.start(context, "2g");
		JvmHeap heap = new JvmHeap(service.process().pid());
		String room = "bench-ws-" + Long.toHexString(System.nanoTime());
		service.putRoom(room, 1, perProcess * processes + 1);
		List<String> prefixes = new ArrayList<>();
		for (int i = 0; i < processes; i++) {
			prefixes.add(room + "-" + i + "-");
		}
		// the shopper that keeps the place (so everybody else waits), then the waiting
		ChildProcess first = service.joins(room, service.tokens(room + "-shopper-", 1), Duration.ofMinutes(1));
		while (service.room(room).path("live").path("active").asLong() < 1) {
			if (!first.isAlive()) {
				throw new IllegalStateException("the shopper did not join: " + first.logTail(20));
			}
			Thread.sleep(100);
		}
		context.processes().stop(first);
		int joined = 0;
		for (String prefix : prefixes) {
			joined += perProcess;
			int waiting = joined;
			ChildProcess joins = service.joins(room, service.tokens(prefix, perProcess), Duration.ofMinutes(5));
			service.awaitWaiting(room, (now) -> now >= waiting, Duration.ofMinutes(5), joins);
			context.processes().stop(joins);
		}

		List<ChildProcess> holders = new ArrayList<>();
		long start = System.nanoTime();
		holders.add(ConnectionHolders.hold(context, "waitingroom-holder-0", service.webSocket(room), perProcess,
				prefixes.getFirst()));
		int baseline = ConnectionHolders.awaitOpen(holders.getFirst());
		long opening = System.nanoTime() - start;
		Thread.sleep(ConnectionHolders.TOKEN_CACHE_TTL);
		long baselineLive = heap.liveBytes();
		start = System.nanoTime();
		for (int i = 1; i < processes; i++) {
			holders.add(ConnectionHolders.hold(context, "waitingroom-holder-" + i, service.webSocket(room), perProcess,
					prefixes.get(i)));
		}
		int open = baseline;
		for (ChildProcess holder : holders.subList(1, holders.size())) {
			open += ConnectionHolders.awaitOpen(holder);
		}
		double openSeconds = (opening + System.nanoTime() - start) / 1e9;
		Thread.sleep(ConnectionHolders.TOKEN_CACHE_TTL);
		long allLive = heap.liveBytes();
		double livePerConnectionKiB = (open > baseline) ? (allLive - baselineLive) / 1024.0 / (open - baseline)
				: Double.NaN;

		// the idle push rounds: CPU per connection and second
		ProcessCpu cpu = ProcessCpu.of(service.process().pid(), context.devStack());
		Duration idle = Duration.ofSeconds(context.pick(20, 5));
		var before = cpu.sample();
		Thread.sleep(idle);
		var after = cpu.sample();
		long connectionSeconds = (long) open * idle.toSeconds();
		List<Result> results = new ArrayList<>(List.of(Result.of(name() + ".open", open, "connections"),
				Result.of(name() + ".heap-per-connection", livePerConnectionKiB, "KiB"),
				Result.of(name() + ".client-processes", processes, "processes"),
				Result.of(name() + ".open-time", openSeconds, "s")));
		ProcessCpu.microsPerRequest(before, after, connectionSeconds)
			.forEach((group, micros) -> results
				.add(Result.of(name() + ".idle-cpu-per-connection-second." + group, micros, "µs")));
		long waiting = service.waiting(room);
		if (waiting != joined) {
			throw new IllegalStateException(joined + " joined, but " + waiting + " wait after the idle rounds");
		}
		holders.forEach(context.processes()::stop);
		return results;
	}

}
