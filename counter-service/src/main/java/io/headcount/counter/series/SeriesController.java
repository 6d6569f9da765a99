package io.headcount.counter.series;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.headcount.counter.counters.CounterField;
import io.headcount.counter.counters.CounterPaths;
import io.headcount.counter.counters.ObjectIds;
import io.headcount.platform.redis.RedisCalls;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many changes between two instants: per minute, hour or day, and in total.
 * {@code from} is inclusive, {@code to} exclusive, both ISO-8601 and rounded down to the
 * minute. Buckets older than their retention are gone (count 0): minute buckets 2 days,
 * hour buckets 60 days, day buckets 10 years by default.
 */
@RestController
@RequestMapping(CounterPaths.COUNTER)
class SeriesController {

	private final SeriesService series;

	private final RedisCalls redisCalls;

	SeriesController(SeriesService series, RedisCalls redisCalls) {
		this.series = series;
		this.redisCalls = redisCalls;
	}

	@GetMapping("/series")
	SeriesResponse series(@PathVariable String objectId, @PathVariable String name, @RequestParam Instant from,
			@RequestParam Instant to, @RequestParam(defaultValue = "minute") String step) {
		String id = ObjectIds.objectId(objectId);
		String counter = ObjectIds.counterName(name);
		TimeBuckets.Step s = SeriesQuery.step(step);
		SeriesQuery.checkRange(from, to);
		List<TimeBuckets.Bucket> buckets = SeriesQuery.points(from, to, s);
		Map<TimeBuckets.Bucket, Long> counts = this.redisCalls
			.await(this.series.counts(id, CounterField.forName(counter), buckets));
		List<Point> points = counts.entrySet()
			.stream()
			.map((e) -> new Point(Instant.ofEpochSecond(e.getKey().start()), e.getValue()))
			.toList();
		long total = points.stream().mapToLong(Point::count).sum();
		return new SeriesResponse(id, counter, s.name().toLowerCase(Locale.ROOT), from, to, points, total);
	}

	@GetMapping("/total")
	TotalResponse total(@PathVariable String objectId, @PathVariable String name, @RequestParam Instant from,
			@RequestParam Instant to) {
		String id = ObjectIds.objectId(objectId);
		String counter = ObjectIds.counterName(name);
		SeriesQuery.checkRange(from, to);
		List<TimeBuckets.Bucket> buckets = TimeBuckets.cover(from.getEpochSecond(), to.getEpochSecond());
		Map<TimeBuckets.Bucket, Long> counts = this.redisCalls
			.await(this.series.counts(id, CounterField.forName(counter), buckets));
		return new TotalResponse(id, counter, from, to, counts.values().stream().mapToLong(Long::longValue).sum());
	}

	record Point(Instant start, long count) {
	}

	/**
	 * @param total sum of the points
	 */
	record SeriesResponse(String objectId, String counter, String step, Instant from, Instant to, List<Point> points,
			long total) {
	}

	/**
	 * @param total sum of all changes applied with a time in [from, to) (minute
	 * precision)
	 */
	record TotalResponse(String objectId, String counter, Instant from, Instant to, long total) {
	}

}
