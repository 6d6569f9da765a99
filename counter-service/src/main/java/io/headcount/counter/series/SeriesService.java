package io.headcount.counter.series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.CounterService;

import org.springframework.stereotype.Component;

/** Reads buckets: one pipelined HMGET per bucket hash. */
@Component
class SeriesService {

	private final CounterService counters;

	SeriesService(CounterService counters) {
		this.counters = counters;
	}

	/** Count per bucket, in the order given. */
	CompletableFuture<Map<TimeBuckets.Bucket, Long>> counts(String objectId, String field,
			List<TimeBuckets.Bucket> buckets) {
		Map<String, List<TimeBuckets.Bucket>> byHash = new LinkedHashMap<>();
		for (TimeBuckets.Bucket bucket : buckets) {
			String key = CounterKeys.buckets(objectId, field, bucket.step().code, bucket.hashStart());
			byHash.computeIfAbsent(key, (k) -> new ArrayList<>()).add(bucket);
		}
		List<CompletableFuture<Map<String, Long>>> reads = new ArrayList<>();
		List<List<TimeBuckets.Bucket>> groups = new ArrayList<>();
		byHash.forEach((key, group) -> {
			groups.add(group);
			reads.add(this.counters.hashFields(key, group.stream().map((b) -> Long.toString(b.start())).toList()));
		});
		return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply((ignored) -> {
			Map<TimeBuckets.Bucket, Long> counts = new LinkedHashMap<>();
			buckets.forEach((b) -> counts.put(b, 0L));
			for (int i = 0; i < groups.size(); i++) {
				Map<String, Long> values = reads.get(i).join();
				for (TimeBuckets.Bucket b : groups.get(i)) {
					counts.put(b, values.getOrDefault(Long.toString(b.start()), 0L));
				}
			}
			return counts;
		});
	}

}
