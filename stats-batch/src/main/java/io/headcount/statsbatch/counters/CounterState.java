package io.headcount.statsbatch.counters;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Where the live counters and their time buckets are read: Redis. */
public interface CounterState {

	/**
	 * The live values and the day's minute, hour and day buckets of these counters.
	 * @throws io.headcount.platform.redis.RedisUnavailableException when Redis cannot
	 * answer
	 */
	Map<ObjectCounter, Observed> read(Collection<ObjectCounter> counters, LocalDate day);

	/**
	 * One counter as Redis holds it.
	 *
	 * @param value the live value, null when the counts hash has no such field
	 * @param buckets the day's non-zero buckets, by granularity and start (epoch seconds)
	 */
	record Observed(@Nullable Long value, Map<CounterKeyLayout.Granularity, Map<Long, Long>> buckets) {

	}

}
