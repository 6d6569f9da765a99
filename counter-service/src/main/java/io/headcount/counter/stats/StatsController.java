package io.headcount.counter.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.headcount.counter.counters.CounterPaths;
import io.headcount.counter.counters.ObjectIds;
import io.headcount.counter.series.SeriesQuery;
import io.headcount.counter.series.TimeBuckets;
import io.headcount.platform.redis.RedisCalls;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Statistics of one event type of one object between two instants: one point per bucket
 * of the step whose start lies in [from, to), and a total over [from, to) from the fewest
 * buckets (whole days, hours at the edges, minutes at the edges), as the counters'
 * {@code series} and {@code total} do; both ends rounded down to the minute. {@code avg}
 * is the sum divided by the count of the same events, never an average of averages. Read
 * from Redis: one read script call on the object's slot.
 */
@RestController
class StatsController {

	private static final String ALL = "count,sum,avg,min,max";

	private final StatsService stats;

	private final RedisCalls redisCalls;

	StatsController(StatsService stats, RedisCalls redisCalls) {
		this.stats = stats;
		this.redisCalls = redisCalls;
	}

	@GetMapping(CounterPaths.STATS)
	StatsResponse stats(@PathVariable String objectId, @PathVariable String type, @RequestParam Instant from,
			@RequestParam Instant to, @RequestParam(defaultValue = "minute") String step,
			@RequestParam(defaultValue = ALL) String fn) {
		String id = ObjectIds.objectId(objectId);
		String eventType = StatsService.eventType(type);
		TimeBuckets.Step s = SeriesQuery.step(step);
		Set<StatFunction> functions = StatFunction.parse(fn);
		SeriesQuery.checkRange(from, to);
		List<TimeBuckets.Bucket> points = SeriesQuery.points(from, to, s);
		List<TimeBuckets.Bucket> cover = TimeBuckets.cover(from.getEpochSecond(), to.getEpochSecond());
		List<TimeBuckets.Bucket> all = new ArrayList<>(points.size() + cover.size());
		all.addAll(points);
		all.addAll(cover);
		Map<TimeBuckets.Bucket, BucketStats> read = this.redisCalls.await(this.stats.read(id, eventType, all));
		List<Point> answer = new ArrayList<>(points.size());
		for (TimeBuckets.Bucket bucket : points) {
			answer.add(Point.of(Instant.ofEpochSecond(bucket.start()), read.get(bucket), functions));
		}
		BucketStats total = BucketStats.EMPTY;
		for (TimeBuckets.Bucket bucket : cover) {
			total = total.plus(read.get(bucket));
		}
		List<String> names = functions.stream().map((f) -> f.name().toLowerCase(Locale.ROOT)).toList();
		return new StatsResponse(id, eventType, s.name().toLowerCase(Locale.ROOT), from, to, names, answer,
				Values.of(total, functions));
	}

	/**
	 * @param fn the functions answered, in a fixed order
	 * @param points one per bucket of the step whose start lies in [from, to)
	 * @param total over [from, to), both rounded down to the minute
	 */
	record StatsResponse(String objectId, String type, String step, Instant from, Instant to, List<String> fn,
			List<Point> points, Values total) {
	}

	/**
	 * One bucket. Only the functions asked for are present; {@code avg}, {@code min} and
	 * {@code max} are absent too when the bucket has no events. Sum, min and max are
	 * printed from their millionths ({@link BucketStats#units}), the decimal numbers a
	 * plain {@code BigDecimal} would print.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Point(Instant start, @Nullable Long count, @JsonRawValue @Nullable String sum, @Nullable BigDecimal avg,
			@JsonRawValue @Nullable String min, @JsonRawValue @Nullable String max) {

		static Point of(Instant start, BucketStats stats, Set<StatFunction> functions) {
			Values v = Values.of(stats, functions);
			return new Point(start, v.count(), v.sum(), v.avg(), v.min(), v.max());
		}

	}

	/**
	 * The asked-for functions of a bucket or a range; {@code avg}, {@code min} and
	 * {@code max} are absent without events.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Values(@Nullable Long count, @JsonRawValue @Nullable String sum, @Nullable BigDecimal avg,
			@JsonRawValue @Nullable String min, @JsonRawValue @Nullable String max) {

		static Values of(BucketStats stats, Set<StatFunction> functions) {
			return new Values(functions.contains(StatFunction.COUNT) ? stats.count() : null,
					functions.contains(StatFunction.SUM) ? stats.sumText() : null,
					functions.contains(StatFunction.AVG) ? stats.avg() : null,
					functions.contains(StatFunction.MIN) ? stats.minText() : null,
					functions.contains(StatFunction.MAX) ? stats.maxText() : null);
		}

	}

}
