package io.headcount.counter.stats;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.CounterField;
import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.CounterProperties;
import io.headcount.counter.counters.CounterService;
import io.headcount.counter.counters.ObjectIds;
import io.headcount.counter.series.TimeBuckets;
import io.headcount.platform.redis.LuaScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Validates events and records them through the counters' write path (one script call per
 * request, so a batch is applied whole or not at all), and reads their buckets back.
 */
@Component
class StatsService {

	/**
	 * Largest magnitude of a value: its millionths stay exact in Lua's doubles (2^53).
	 */
	static final BigDecimal MAX_VALUE = new BigDecimal(1_000_000_000);

	/** Decimal places kept exactly: values are stored in millionths. */
	static final int MAX_SCALE = 6;

	private static final LuaScript READ_BUCKETS = LuaScript.load(StatsService.class, "read-buckets.lua");

	private static final Comparator<TimeBuckets.Bucket> BY_STEP_AND_START = Comparator
		.comparing(TimeBuckets.Bucket::step)
		.thenComparingLong(TimeBuckets.Bucket::start);

	private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_-]{1,64}");

	private final CounterService counters;

	private final int maxBatch;

	private final Duration maxFutureSkew;

	private final Duration retention;

	private final Counter recorded;

	StatsService(CounterService counters, CounterProperties properties, MeterRegistry meters) {
		this.counters = counters;
		this.maxBatch = properties.events().maxBatch();
		this.maxFutureSkew = properties.events().maxFutureSkew();
		this.retention = properties.retention().minute();
		// the same meter as the counters' changes, its own bounded tag value
		this.recorded = Counter.builder("headcount.counter.changes")
			.description("Changes applied in Redis")
			.tag("counter", "events")
			.register(meters);
	}

	/** A validated event type (it becomes part of Redis keys). */
	static String eventType(@Nullable String type) {
		if (type == null || !EVENT_TYPE.matcher(type).matches()) {
			throw new InvalidEvent("Malformed event type",
					"An event type is 1 to 64 characters of a-z, 0-9, '_' or '-'.");
		}
		return type;
	}

	/**
	 * Records the events, all or none: every one is validated before any is sent.
	 * @return one result per event, in order
	 */
	List<ChangeResult> record(String objectId, List<Event> events, String actor) {
		if (events.isEmpty()) {
			throw new InvalidEvent("No events",
					"Send one event or {\"events\": [...]} with 1 to " + this.maxBatch + " events.");
		}
		if (events.size() > this.maxBatch) {
			throw new InvalidEvent("Too many events",
					"A request records at most " + this.maxBatch + " events, got " + events.size() + ".");
		}
		long now = this.counters.nowMs();
		List<Change> changes = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			changes.add(change(events.get(i), i, events.size(), actor, now));
		}
		List<ChangeResult> results = this.counters.changeAll(objectId, changes);
		this.recorded.increment(results.stream().filter((r) -> r.status() == ChangeResult.Status.APPLIED).count());
		return results;
	}

	private Change change(Event event, int index, int size, String actor, long nowMs) {
		String where = (size > 1) ? " (event " + index + ")" : "";
		String type = eventType(event.type());
		BigDecimal value = (event.value() != null) ? event.value() : BigDecimal.ONE;
		if (value.abs().compareTo(MAX_VALUE) > 0) {
			throw new InvalidEvent("Value out of range",
					"value must be between -1000000000 and 1000000000" + where + ".");
		}
		BigDecimal exact = value.stripTrailingZeros();
		if (exact.scale() > MAX_SCALE) {
			throw new InvalidEvent("Too many decimals",
					"value has at most " + MAX_SCALE + " decimal places" + where + ".");
		}
		long micros = exact.movePointRight(MAX_SCALE).longValueExact();
		long timeMs = nowMs;
		if (event.at() != null) {
			Instant at = event.at();
			Instant now = Instant.ofEpochMilli(nowMs);
			if (at.isBefore(now.minus(this.retention))) {
				throw new InvalidEvent("Event too old", "at lies before the minute buckets' retention ("
						+ this.retention.toSeconds() + " s before now)" + where + ".");
			}
			if (at.isAfter(now.plus(this.maxFutureSkew))) {
				throw new InvalidEvent("Event in the future",
						"at lies more than " + this.maxFutureSkew.toMillis() + " ms after now" + where + ".");
			}
			timeMs = at.toEpochMilli();
		}
		String key = ObjectIds.idempotencyKey(event.idempotencyKey());
		return Change.stat(CounterField.event(type), micros, actor, key, timeMs);
	}

	/**
	 * Each bucket's statistics; buckets asked for twice are read once. One call of
	 * {@code read-buckets.lua} on the object's slot (every bucket hash of an object
	 * shares its hash tag): a handful of arguments (one run of consecutive buckets per
	 * hash) and one string back, where one HMGET per hash sent and got four strings per
	 * bucket.
	 */
	CompletableFuture<Map<TimeBuckets.Bucket, BucketStats>> read(String objectId, String type,
			List<TimeBuckets.Bucket> buckets) {
		TimeBuckets.Bucket[] sorted = buckets.toArray(TimeBuckets.Bucket[]::new);
		Arrays.sort(sorted, BY_STEP_AND_START);
		String field = CounterField.event(type);
		List<String> keys = new ArrayList<>();
		List<String> args = new ArrayList<>();
		List<TimeBuckets.Bucket> distinct = new ArrayList<>(sorted.length);
		TimeBuckets.Bucket previous = null;
		int runLength = 0;
		for (TimeBuckets.Bucket bucket : sorted) {
			if (bucket.equals(previous)) {
				continue;
			}
			boolean continues = previous != null && previous.step() == bucket.step()
					&& previous.hashStart() == bucket.hashStart()
					&& previous.start() + bucket.step().seconds() == bucket.start();
			if (!continues) {
				if (runLength > 0) {
					args.add(Integer.toString(runLength));
				}
				keys.add(CounterKeys.buckets(objectId, field, bucket.step().code(), bucket.hashStart()));
				args.add(Long.toString(bucket.step().seconds()));
				args.add(Long.toString(bucket.start()));
				runLength = 0;
			}
			runLength++;
			distinct.add(bucket);
			previous = bucket;
		}
		if (runLength > 0) {
			args.add(Integer.toString(runLength));
		}
		return this.counters.readScript(READ_BUCKETS, keys.toArray(String[]::new), args.toArray(String[]::new))
			.thenApply((reply) -> {
				String text = (String) reply.get(0);
				Map<TimeBuckets.Bucket, BucketStats> stats = HashMap.newHashMap(distinct.size());
				int from = 0;
				for (TimeBuckets.Bucket bucket : distinct) {
					int comma = text.indexOf(',', from);
					int to = (comma < 0) ? text.length() : comma;
					stats.put(bucket, BucketStats.parse(text, from, to));
					from = to + 1;
				}
				return stats;
			});
	}

	/**
	 * One event as a client sends it; absent value is 1, absent time is now.
	 */
	record Event(@Nullable String type, @Nullable BigDecimal value, @Nullable Instant at,
			@Nullable String idempotencyKey) {
	}

}
