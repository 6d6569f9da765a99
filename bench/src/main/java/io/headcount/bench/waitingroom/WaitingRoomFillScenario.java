package io.headcount.bench.waitingroom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.headcount.bench.BenchContext;
import io.headcount.bench.ProcessCpu;
import io.headcount.bench.Result;
import io.headcount.bench.Scenario;
import io.headcount.bench.load.WrkResult;
import io.headcount.bench.reference.References;
import io.headcount.testsupport.ChildProcess;

/**
 * A product drop on one waiting-room-service instance. First a warm-up room is filled
 * (the JIT compiles the join's path; measured cold, C1 and C2 took a third of the
 * service's CPU). Then the queue of one room is filled to its capacity by distinct users
 * joining over HTTP as fast as the service answers (each join one room.lua call that also
 * writes its event to the outbox, and a JWT never seen before), with the CPU per join of
 * the service and of the Redis masters. With the queue full, its users heartbeat as
 * pollers do (POST …/heartbeat, each answered with the place and EWT): the rate one
 * instance takes and the CPU per heartbeat, from which the cores that 200,000 pollers at
 * the server's {@code refreshSeconds} need follow. Last, the whole queue is admitted at
 * once by raising the shop's capacity (the admission loop's bounded batches).
 */
public final class WaitingRoomFillScenario implements Scenario {

	/** The server's {@code refreshSeconds} for the bench's rooms (at most 10 s). */
	static final int REFRESH_SECONDS = 10;

	/** Pollers the heartbeat figures are scaled to: a full 200,000-place queue. */
	static final int POLLERS = 200_000;

	@Override
	public String name() {
		return "waitingroom.fill";
	}

	@Override
	public String description() {
		return "one waiting-room-service (-Xmx1g, write rate limit and join rate off). Warm-up: 30,000 joins into "
				+ "another room (quick: 5,000). Fill: wrk -t2 -c64 joins one room with 200,000 distinct users "
				+ "(quick: 20,000), each JWT minted beforehand and new to the service; fill time until the room "
				+ "counts them all waiting; CPU per join of each process group (ProcessCpu). Heartbeats: wrk -t2 -c64 "
				+ "POST …/entries/me/heartbeat by 20,000 of the waiting users in turn (each seen again every few "
				+ "seconds, as pollers at refreshSeconds 10 are), 10 s warm-up and 20 s measured (quick: 3 s + 5 s), "
				+ "with the CPU per heartbeat and the cores 200,000 pollers at 10 s (20,000 heartbeats/s) would need "
				+ "by it. Admission: the capacity raised to the queue's size, the loop (100 ms rounds, 500 per call) "
				+ "empties it. wrk on the same 2 cores";
	}

	@Override
	public java.util.Set<String> modules() {
		return java.util.Set.of("waiting-room-service");
	}

	@Override
	public Duration timeLimit() {
		return Duration.ofMinutes(15);
	}

	@Override
	public List<Result> run(BenchContext context) throws Exception {
		int places = context.pick(200_000, 20_000);
		int warmUp = context.pick(30_000, 5_000);
		int pollers = context.pick(20_000, 5_000);
		WaitingRoomService service = WaitingRoomService.start(context, "1g");
		String run = Long.toHexString(System.nanoTime());
		String warmRoom = "bench-warm-" + run;
		String room = "bench-" + run;
		service.putRoom(warmRoom, 1, warmUp);
		service.putRoom(room, 1, places);
		Path warmTokens = service.tokens(warmRoom + "-", warmUp);
		Path tokens = service.tokens(room + "-", places);

		ChildProcess warm = service.joins(warmRoom, warmTokens, Duration.ofMinutes(5));
		service.awaitWaiting(warmRoom, (waiting) -> waiting >= warmUp - 1, Duration.ofMinutes(5), warm);
		context.processes().stop(warm);

		ProcessCpu cpu = ProcessCpu.of(service.process().pid(), context.devStack());
		if (!cpu.emptyGroups().isEmpty()) {
			throw new IllegalStateException("no process found for " + cpu.emptyGroups());
		}
		Map<String, Duration> before = cpu.sample();
		long started = System.nanoTime();
		ChildProcess fill = service.joins(room, tokens, Duration.ofMinutes(10));
		long filledAt = service.awaitWaiting(room, (waiting) -> waiting >= places - 1, Duration.ofMinutes(10), fill);
		Map<String, Duration> after = cpu.sample();
		context.processes().stop(fill);
		double fillSeconds = (filledAt - started) / 1e9;
		System.out.printf("waitingroom.fill: %d joins in %.1f s%n", places, fillSeconds);
		List<Result> results = new ArrayList<>(
				List.of(Result.against(name() + ".joins", places / fillSeconds, Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT), Result.of(name() + ".fill-seconds", fillSeconds, "s")));
		// the joins' CPU against the trivial request's; wrk's own is in no group
		ProcessCpu.microsPerRequest(before, after, places)
			.forEach((group,
					micros) -> results.add(group.equals("service")
							? Result.against(name() + ".cpu-per-join.service", micros, "µs",
									References.HTTP_PING_CPU_PER_CALL)
							: Result.of(name() + ".cpu-per-join." + group, micros, "µs")));

		results.addAll(heartbeats(context, service, cpu, room, tokens, pollers));

		long admitStarted = System.nanoTime();
		service.putRoom(room, places, places);
		while (service.waiting(room) > 0) {
			Thread.sleep(100);
			if (System.nanoTime() - admitStarted > Duration.ofMinutes(5).toNanos()) {
				throw new IllegalStateException("the queue was not admitted within 5 minutes");
			}
		}
		double admitSeconds = (System.nanoTime() - admitStarted) / 1e9;
		System.out.printf("waitingroom.fill: %d admitted in %.1f s%n", places - 1, admitSeconds);
		results.add(Result.against(name() + ".admissions", (places - 1) / admitSeconds, "admissions/s",
				References.REDIS_INCR_THROUGHPUT));
		return results;
	}

	/**
	 * The pollers' heartbeats on the full queue: the first {@code pollers} users in turn.
	 */
	private List<Result> heartbeats(BenchContext context, WaitingRoomService service, ProcessCpu cpu, String room,
			Path tokens, int pollers) throws Exception {
		Path subset = tokens.resolveSibling("waitingroom-pollers-tokens.txt");
		Files.write(subset, Files.readAllLines(tokens).subList(0, pollers));
		wrk(service.heartbeats(room, subset, context.pick(Duration.ofSeconds(10), Duration.ofSeconds(3))), context);
		Map<String, Duration> before = cpu.sample();
		WrkResult beats = wrk(
				service.heartbeats(room, subset, context.pick(Duration.ofSeconds(20), Duration.ofSeconds(5))), context);
		Map<String, Duration> after = cpu.sample();
		if (beats.requests() == 0 || beats.errors() > 0) {
			throw new IllegalStateException("heartbeats must not fail, but wrk saw " + beats);
		}
		String prefix = name() + ".heartbeats";
		int needed = POLLERS / REFRESH_SECONDS;
		List<Result> results = new ArrayList<>(List.of(
				Result.against(prefix + ".throughput", beats.requestsPerSecond(), Result.REQUESTS_PER_SECOND,
						References.HTTP_PING_THROUGHPUT),
				Result.of(prefix + ".p99", beats.percentileMs(99), Result.MILLISECONDS),
				Result.of(prefix + ".needed-for-200000-pollers", needed, Result.REQUESTS_PER_SECOND)));
		Map<String, Double> perBeat = ProcessCpu.microsPerRequest(before, after, beats.requests());
		perBeat.forEach((group,
				micros) -> results.add(group.equals("service")
						? Result.against(prefix + ".cpu-per-heartbeat.service", micros, "µs",
								References.HTTP_PING_CPU_PER_CALL)
						: Result.of(prefix + ".cpu-per-heartbeat." + group, micros, "µs")));
		// cores at 20,000 heartbeats/s by the CPU per heartbeat: measured below that
		// rate,
		// extrapolated
		results.add(Result.of(prefix + ".service-cores-for-200000-pollers", perBeat.get("service") * needed / 1e6,
				"cores"));
		results.add(Result.of(prefix + ".redis-master-cores-for-200000-pollers",
				perBeat.get("redis-masters") * needed / 1e6, "cores"));
		return results;
	}

	/** Waits for a wrk process and reads its report. */
	private static WrkResult wrk(ChildProcess wrk, BenchContext context) throws Exception {
		if (!wrk.waitFor(Duration.ofMinutes(2))) {
			throw new IllegalStateException("wrk did not end: " + wrk.logTail(20));
		}
		WrkResult result = WrkResult.parse(Files.readString(wrk.log()));
		context.processes().stop(wrk);
		return result;
	}

}
