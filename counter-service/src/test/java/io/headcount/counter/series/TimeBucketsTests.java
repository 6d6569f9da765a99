package io.headcount.counter.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimeBucketsTests {

	@Test
	void coverUsesWholeDaysAndHoursAndMinutesAtTheEdges() {
		long from = Instant.parse("2026-11-23T22:58:00Z").getEpochSecond();
		long to = Instant.parse("2026-11-25T01:02:00Z").getEpochSecond();
		List<TimeBuckets.Bucket> buckets = TimeBuckets.cover(from, to);
		assertThat(buckets).filteredOn((b) -> b.step() == TimeBuckets.Step.DAY)
			.extracting(TimeBuckets.Bucket::start)
			.containsExactly(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());
		assertThat(buckets).filteredOn((b) -> b.step() == TimeBuckets.Step.HOUR).hasSize(2); // 23:00,
																								// 00:00
		assertThat(buckets).filteredOn((b) -> b.step() == TimeBuckets.Step.MINUTE).hasSize(4); // 22:58,
																								// 22:59,
																								// 01:00,
																								// 01:01
	}

	@Test
	void coverSpansEveryMinuteOfTheRangeExactlyOnce() {
		Random random = new Random(42);
		long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 500; i++) {
			long from = base + random.nextInt(40 * 86400);
			long to = from + 1 + random.nextInt(5 * 86400);
			long minutes = 0;
			long previousEnd = TimeBuckets.floor(from, 60);
			List<TimeBuckets.Bucket> buckets = TimeBuckets.cover(from, to);
			for (TimeBuckets.Bucket b : buckets) {
				assertThat(b.start()).as("contiguous, in order").isEqualTo(previousEnd);
				assertThat(b.start() % b.step().seconds).as("aligned").isZero();
				previousEnd = b.start() + b.step().seconds;
				minutes += b.step().seconds / 60;
			}
			assertThat(previousEnd)
				.isEqualTo(buckets.isEmpty() ? TimeBuckets.floor(from, 60) : TimeBuckets.floor(to, 60));
			assertThat(minutes * 60).isEqualTo(TimeBuckets.floor(to, 60) - TimeBuckets.floor(from, 60));
			assertThat(buckets.size()).as("few buckets").isLessThanOrEqualTo(59 * 2 + 23 * 2 + 6);
		}
	}

	@Test
	void seriesRoundsFromDownToTheStep() {
		long from = Instant.parse("2026-11-25T10:30:00Z").getEpochSecond();
		long to = Instant.parse("2026-11-25T13:00:00Z").getEpochSecond();
		assertThat(TimeBuckets.series(from, to, TimeBuckets.Step.HOUR)).extracting(TimeBuckets.Bucket::start)
			.containsExactly(from - 1800, from + 1800, from + 5400);
	}

	@Test
	void bucketHashesMatchTheScriptsLayout() {
		long minute = Instant.parse("2026-11-25T10:31:00Z").getEpochSecond();
		assertThat(TimeBuckets.Step.MINUTE.hashStart(minute))
			.isEqualTo(Instant.parse("2026-11-25T10:00:00Z").getEpochSecond());
		assertThat(TimeBuckets.Step.HOUR.hashStart(minute))
			.isEqualTo(Instant.parse("2026-11-25T00:00:00Z").getEpochSecond());
		long day = Instant.parse("2026-11-25T00:00:00Z").getEpochSecond();
		assertThat(TimeBuckets.Step.DAY.hashStart(day) % (32 * 86400)).isZero();
		assertThat(day - TimeBuckets.Step.DAY.hashStart(day)).isLessThan(32 * 86400);
	}

	@Test
	void countIsTheSizeOfTheSeriesWithoutListingIt() {
		java.util.Random random = new java.util.Random(10);
		for (int i = 0; i < 2000; i++) {
			long from = 1_700_000_000L + random.nextInt(10_000_000);
			long to = from + random.nextInt(400_000) - 1000;
			for (TimeBuckets.Step step : TimeBuckets.Step.values()) {
				assertThat(TimeBuckets.count(from, to, step)).as("%d..%d %s", from, to, step)
					.isEqualTo(TimeBuckets.series(from, to, step).size());
			}
		}
		// ten years of minutes: counted in constant time, far over the limit
		assertThat(TimeBuckets.count(0, 3650L * 86400, TimeBuckets.Step.MINUTE)).isEqualTo(3650L * 1440);
	}

}
