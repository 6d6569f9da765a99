package io.headcount.bench.presence;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.headcount.bench.BenchContext;
import io.headcount.testsupport.ChildProcess;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.websocket.ConnectionHolders;
import io.headcount.bench.websocket.JvmHeap;

/**
 * Open WebSockets on one presence-service instance and heap per idle connection. Client
 * processes ({@link io.headcount.bench.websocket.ConnectionHolder}, at most 5,000
 * connections each: one process may hold 20,000 files here) open one connection per user.
 * The first process's connections are the baseline (warm JIT, pools, caches); heap per
 * connection is (heap with all open − heap with the baseline open) / the extra
 * connections. The heap is the bytes of live objects from {@code jcmd GC.class_histogram}
 * (which collects first): ZGC's "used" after two full GCs, the figure until 2026-11-25,
 * counts whole pages, is given in whole MiB and moved with fragmentation, 14.1 KiB live
 * but 18.8 KiB used in one run; it is still reported, as {@code zgc-used-per-connection}.
 * <p>
 * Each heap is measured once the connections have been idle for longer than platform
 * remembers a decoded JWT ({@link ConnectionHolders#TOKEN_CACHE_TTL}): every handshake
 * brings a new token, about 1.5 KB decoded, gone a minute later while the connection
 * stays; measured sooner, the figure counted a varying share of them. What remains in the
 * figure that is not per connection: Tomcat keeps the HTTP processors its peak of
 * concurrent handshakes needed (about 70 KB each, at most 200), and the second phase's
 * peak may be higher than the baseline's (seen: 4 and 87 processors, 0.6 KB per
 * connection at 10,000). Measuring the baseline after closing the extra connections
 * instead does not help: Tomcat then caches every closed channel with its socket buffers,
 * about 3.9 KB per closed connection.
 */
public final class PresenceWebSocketsScenario implements Scenario {

	@Override
	public String name() {
		return "presence.websockets";
	}

	@Override
	public String description() {
		return "15,000 idle /ws/presence connections (3 client JVMs × 5,000, one user each, JWT in the header) on one "
				+ "presence-service (ZGC, -Xmx2g, Tomcat WebSocket buffers 1 KiB); heap per connection = live objects "
				+ "(jcmd GC.class_histogram) after 65 s idle (remembered JWTs expired), baseline 5,000 connections";
	}

	@Override
	public Set<String> modules() {
		return Set.of("presence-service");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(15);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int perProcess = context.pick(5_000, 1_000);
		int processes = context.pick(3, 2);
		PresenceService service = PresenceService.start(context, "2g");
		JvmHeap heap = service.heap();
		List<ChildProcess> holders = new ArrayList<>();
		long start = System.nanoTime();
		holders.add(hold(context, service, perProcess, 0));
		int baseline = ConnectionHolders.awaitOpen(holders.getFirst());
		long opening = System.nanoTime() - start;
		Thread.sleep(ConnectionHolders.TOKEN_CACHE_TTL);
		long baselineHeap = heap.heapAfterGc();
		long baselineLive = heap.liveBytes();
		start = System.nanoTime();
		for (int i = 1; i < processes; i++) {
			holders.add(hold(context, service, perProcess, i));
		}
		int open = baseline;
		for (ChildProcess holder : holders.subList(1, holders.size())) {
			open += ConnectionHolders.awaitOpen(holder);
		}
		double openSeconds = (opening + System.nanoTime() - start) / 1e9;
		Thread.sleep(ConnectionHolders.TOKEN_CACHE_TTL);
		long allHeap = heap.heapAfterGc();
		long allLive = heap.liveBytes();
		double livePerConnectionKiB = (open > baseline) ? (allLive - baselineLive) / 1024.0 / (open - baseline)
				: Double.NaN;
		double usedPerConnectionKiB = (open > baseline) ? (allHeap - baselineHeap) / 1024.0 / (open - baseline)
				: Double.NaN;
		holders.forEach(context.processes()::stop);
		return List.of(Result.of(name() + ".open", open, "connections"),
				Result.of(name() + ".heap-per-connection", livePerConnectionKiB, "KiB"),
				Result.of(name() + ".zgc-used-per-connection", usedPerConnectionKiB, "KiB"),
				Result.of(name() + ".client-processes", processes, "processes"),
				Result.of(name() + ".open-time", openSeconds, "s"));
	}

	private static ChildProcess hold(BenchContext context, PresenceService service, int count, int index) {
		return ConnectionHolders.hold(context, "presence-holder-" + index,
				URI.create(service.webSocket() + "?deviceId=bench"), count,
				"bench-ws-" + index + "-" + Long.toHexString(System.nanoTime()) + "-");
	}

}
