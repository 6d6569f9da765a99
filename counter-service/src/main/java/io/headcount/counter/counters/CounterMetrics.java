package io.headcount.counter.counters;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Applied changes by counter kind for InfluxDB (tag {@code counter} = likes, views or
 * generic: bounded, never an object id or a client-chosen name). The store registers its
 * own gauges (hot objects, the near cache's hit ratio).
 */
@Component
class CounterMetrics implements CounterChangeListener {

	private final Map<String, Counter> applied;

	CounterMetrics(MeterRegistry meters) {
		this.applied = Map.of("likes", changes(meters, "likes"), "views", changes(meters, "views"), "generic",
				changes(meters, "generic"));
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

}
