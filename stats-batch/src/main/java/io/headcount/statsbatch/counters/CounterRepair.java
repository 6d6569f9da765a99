package io.headcount.statsbatch.counters;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.redis.RedisUnavailableException;
import io.headcount.statsbatch.counters.CounterKeyLayout.Granularity;
import io.headcount.statsbatch.engine.QueryEngine;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;

/**
 * {@code repair}: the day's drifted buckets (not live values: a counter's value is its
 * users' truth until the events say otherwise) set to the recount, one counter per
 * {@code repair.lua} call, compare-and-set against what the audit read; each change is a
 * {@code CounterBucketRepaired} event in stats-batch's outbox. A dry run only lists them.
 */
public final class CounterRepair {

	private static final LuaScript REPAIR = LuaScript.load(CounterRepair.class, "repair.lua");

	private final CounterAuditReport audit;

	private final CounterState state;

	private final RedisConnections connections;

	private final RedisCalls calls;

	private final OutboxStreams outbox;

	private final Map<Granularity, Duration> retention;

	public CounterRepair(CounterAuditReport audit, CounterState state, RedisConnections connections, RedisCalls calls,
			OutboxStreams outbox, Map<Granularity, Duration> retention) {
		this.audit = audit;
		this.state = state;
		this.connections = connections;
		this.calls = calls;
		this.outbox = outbox;
		this.retention = Map.copyOf(retention);
	}

	/**
	 * Finds the day's drifted buckets and, when {@code apply}, sets them to the recount
	 * and waits (at most {@code relayWait}) until the outbox has sent their events.
	 */
	public Result run(QueryEngine engine, LocalDate day, boolean apply, Duration relayWait) {
		CounterAuditReport.Recount recount = this.audit.recount(engine, day);
		List<CounterDrift> drifts = CounterAuditReport.compare(recount, this.state.read(recount.totals().keySet(), day))
			.stream()
			.filter(CounterDrift::isBucket)
			.toList();
		if (!apply) {
			return new Result(day, drifts, List.of(), List.of());
		}
		Map<ObjectCounter, List<CounterDrift>> byCounter = new LinkedHashMap<>();
		for (CounterDrift drift : drifts) {
			byCounter.computeIfAbsent(new ObjectCounter(drift.objectId(), drift.counter()), (key) -> new ArrayList<>())
				.add(drift);
		}
		List<CounterDrift> repaired = new ArrayList<>();
		List<CounterDrift> conflicts = new ArrayList<>();
		Set<String> streams = new TreeSet<>();
		Partitions partitions = this.connections.connection().getPartitions();
		byCounter.forEach((counter, changes) -> {
			List<String> keys = new ArrayList<>();
			List<String> args = new ArrayList<>();
			String firstKey = bucketKey(changes.getFirst());
			String stream = this.outbox.streamFor(partitions, SlotHash.getSlot(firstKey));
			args.add(stream);
			args.add(counter.objectId());
			args.add(counter.counter());
			args.add(Integer.toString(changes.size()));
			for (CounterDrift drift : changes) {
				String key = bucketKey(drift);
				int index = keys.indexOf(key);
				if (index < 0) {
					keys.add(key);
					index = keys.size() - 1;
				}
				Granularity granularity = Granularity.valueOf(drift.granularity().toUpperCase(java.util.Locale.ROOT));
				args.add(Integer.toString(index + 1));
				args.add(Long.toString(drift.bucketStart()));
				args.add(Long.toString(drift.live()));
				args.add(Long.toString(drift.recount()));
				args.add(Long.toString(granularity.expireAt(drift.bucketStart(), this.retention.get(granularity))));
				args.add(drift.granularity());
				args.add(drift.bucketStartText());
			}
			List<Object> reply = this.calls.await(RedisCalls.eval(this.connections.async(), REPAIR,
					keys.toArray(String[]::new), args.toArray(String[]::new)));
			if (((Number) reply.getFirst()).longValue() == 1) {
				repaired.addAll(changes);
				streams.add(stream);
			}
			else {
				conflicts.addAll(changes);
			}
		});
		awaitRelayed(streams, relayWait);
		return new Result(day, drifts, List.copyOf(repaired), List.copyOf(conflicts));
	}

	/** Waits until the outbox streams written to are empty: their events are in Kafka. */
	private void awaitRelayed(Set<String> streams, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		for (String stream : streams) {
			while (this.calls.await(this.connections.async().xlen(stream)) > 0) {
				if (System.nanoTime() > deadline) {
					throw new RedisUnavailableException("the outbox did not send the repair's events within "
							+ wait.toSeconds() + " s (they stay in " + stream + " and are sent later)", null);
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new RedisUnavailableException("interrupted while waiting for the outbox", ex);
				}
			}
		}
	}

	private static String bucketKey(CounterDrift drift) {
		return CounterKeyLayout.bucketKey(drift.objectId(), drift.counter(),
				Granularity.valueOf(drift.granularity().toUpperCase(java.util.Locale.ROOT)), drift.bucketStart());
	}

	/**
	 * What a run found and did.
	 *
	 * @param drifts the day's drifted buckets
	 * @param repaired those set to the recount ({@code --apply})
	 * @param conflicts those left because a live change moved a counter's bucket after
	 * the audit read it (run again)
	 */
	public record Result(LocalDate day, List<CounterDrift> drifts, List<CounterDrift> repaired,
			List<CounterDrift> conflicts) {

		/** One line per drifted bucket, for the log. */
		public String summary(boolean apply) {
			StringBuilder text = new StringBuilder("repair of ").append(this.day)
				.append(": ")
				.append(this.drifts.size())
				.append(" drifted buckets");
			text.append(apply ? (", " + this.repaired.size() + " set to the recount, " + this.conflicts.size()
					+ " left (changed since read)") : " (dry run: nothing changed; --apply sets them)");
			for (CounterDrift drift : this.drifts) {
				text.append("\n  ")
					.append(drift.objectId())
					.append(' ')
					.append(drift.counter())
					.append(' ')
					.append(drift.granularity())
					.append(' ')
					.append(drift.bucketStartText())
					.append(": ")
					.append(drift.live())
					.append(" -> ")
					.append(drift.recount());
			}
			return text.toString();
		}

	}

}
