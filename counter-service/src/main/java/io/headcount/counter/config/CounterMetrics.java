package io.headcount.counter.config;

import java.util.Map;

import io.headcount.counter.counters.AppliedChange;
import io.headcount.counter.counters.CounterChangeListener;
import io.headcount.counter.counters.CounterField;
import io.headcount.counter.hot.HotObjects;
import io.headcount.counter.hot.NearCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-second figures for InfluxDB: applied changes by counter kind (tag {@code counter} = likes, views
 * or generic: bounded, never an object id or a client-chosen name), hot objects on this instance, and
 * the near cache's hit ratio over the last second.
 */
@Component
class CounterMetrics implements CounterChangeListener {

	private final Map<String, Counter> applied;

	private final HotObjects hotObjects;

	private final NearCache nearCache;

	CounterMetrics(MeterRegistry meters, HotObjects hotObjects, NearCache nearCache) {
		this.hotObjects = hotObjects;
		this.nearCache = nearCache;
		this.applied = Map.of("likes", changes(meters, "likes"), "views", changes(meters, "views"), "generic",
				changes(meters, "generic"));
		Gauge.builder("headcount.counter.hot.objects", hotObjects, HotObjects::hotCount)
			.description("Objects written at least the hot threshold per second on this instance")
			.register(meters);
		Gauge.builder("headcount.counter.nearcache.hit.ratio", nearCache, NearCache::hitRatio)
			.description("Share of reads served from the near cache in the last second")
			.register(meters);
	}

	private static Counter changes(MeterRegistry meters, String counter) {
		return Counter.builder("headcount.counter.changes")
			.description("Changes applied in Redis")
			.tag("counter", counter)
			.register(meters);
	}

	@Override
	public void applied(AppliedChange change) {
		this.applied.get(CounterField.metricTag(change.field())).increment();
	}

	@Scheduled(fixedRate = 1000)
	void roll() {
		this.hotObjects.roll();
		this.nearCache.roll();
	}

}
