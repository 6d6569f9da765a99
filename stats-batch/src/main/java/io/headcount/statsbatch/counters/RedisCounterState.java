package io.headcount.statsbatch.counters;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.statsbatch.counters.CounterKeyLayout.Granularity;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

/**
 * Reads counters through counter-service's key layout: per counter one {@code HGET} of
 * the counts hash, {@code HGETALL} of the day's 24 minute hashes and its hour hash, and
 * {@code HGET} of the day's field in its 32-day hash; all sent at once on the shared
 * connection (pipelined), then awaited.
 */
public final class RedisCounterState implements CounterState {

	private final RedisConnections connections;

	private final RedisCalls calls;

	public RedisCounterState(RedisConnections connections, RedisCalls calls) {
		this.connections = connections;
		this.calls = calls;
	}

	@Override
	public Map<ObjectCounter, Observed> read(Collection<ObjectCounter> counters, LocalDate day) {
		long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
		RedisAdvancedClusterAsyncCommands<String, String> redis = this.connections.async();
		Map<ObjectCounter, Pending> pending = new LinkedHashMap<>();
		for (ObjectCounter counter : counters) {
			String object = counter.objectId();
			List<CompletableFuture<Map<String, String>>> hours = new ArrayList<>();
			for (int hour = 0; hour < 24; hour++) {
				hours.add(redis.hgetall(CounterKeyLayout.bucketKey(object, counter.counter(), Granularity.MINUTE,
						dayStart + hour * CounterKeyLayout.HOUR_S))
					.toCompletableFuture());
			}
			pending.put(counter, new Pending(
					redis.hget(CounterKeyLayout.counts(object), CounterKeyLayout.field(counter.counter()))
						.toCompletableFuture(),
					hours,
					redis.hgetall(CounterKeyLayout.bucketKey(object, counter.counter(), Granularity.HOUR, dayStart))
						.toCompletableFuture(),
					redis.hget(CounterKeyLayout.bucketKey(object, counter.counter(), Granularity.DAY, dayStart),
							Long.toString(dayStart))
						.toCompletableFuture()));
		}
		Map<ObjectCounter, Observed> observed = new LinkedHashMap<>();
		pending.forEach((counter, reads) -> {
			Map<Granularity, Map<Long, Long>> buckets = new EnumMap<>(Granularity.class);
			Map<Long, Long> minutes = new TreeMap<>();
			for (CompletableFuture<Map<String, String>> hour : reads.minutes) {
				putBuckets(minutes, this.calls.await(hour));
			}
			Map<Long, Long> hours = new TreeMap<>();
			putBuckets(hours, this.calls.await(reads.hours));
			Map<Long, Long> days = new TreeMap<>();
			String dayValue = this.calls.await(reads.day);
			if (dayValue != null && Long.parseLong(dayValue) != 0) {
				days.put(dayStart, Long.parseLong(dayValue));
			}
			buckets.put(Granularity.MINUTE, minutes);
			buckets.put(Granularity.HOUR, hours);
			buckets.put(Granularity.DAY, days);
			String value = this.calls.await(reads.value);
			observed.put(counter, new Observed((value == null) ? null : Long.parseLong(value), buckets));
		});
		return observed;
	}

	/**
	 * A bucket hash's counts: fields that are a start (statistics buckets' {@code :s},
	 * {@code :lo}, {@code :hi} are not a counter's), non-zero.
	 */
	private static void putBuckets(Map<Long, Long> into, Map<String, String> hash) {
		hash.forEach((field, value) -> {
			if (!field.contains(":")) {
				long count = Long.parseLong(value);
				if (count != 0) {
					into.put(Long.parseLong(field), count);
				}
			}
		});
	}

	private record Pending(CompletableFuture<String> value, List<CompletableFuture<Map<String, String>>> minutes,
			CompletableFuture<Map<String, String>> hours, CompletableFuture<String> day) {

	}

}
