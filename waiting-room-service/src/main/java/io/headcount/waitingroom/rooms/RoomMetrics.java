package io.headcount.waitingroom.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.headcount.platform.metrics.FleetGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * The waiting room's meters, per room (a configured room id is a bounded tag): this
 * instance's joins, admissions, evictions by reason and refusals (InfluxDB sums the
 * instances' rates), and fleet-wide gauges that one instance reports (queue size, active
 * shoppers, EWT of the last in line), read each second from Redis.
 */
class RoomMetrics {

	private final MeterRegistry registry;

	private final FleetGauges gauges;

	private final Map<String, RoomStore.Figures> figures = new ConcurrentHashMap<>();

	RoomMetrics(MeterRegistry registry, FleetGauges gauges) {
		this.registry = registry;
		this.gauges = gauges;
	}

	void joined(String roomId, boolean admittedAtOnce) {
		counter("headcount.waitingroom.joins", "Joins that took a new place", roomId).increment();
		if (admittedAtOnce) {
			admitted(roomId, 1);
		}
	}

	void admitted(String roomId, int count) {
		if (count > 0) {
			counter("headcount.waitingroom.admissions", "Shoppers admitted into the shop", roomId).increment(count);
		}
	}

	void evicted(String roomId, String reason, int count) {
		if (count > 0) {
			Counter.builder("headcount.waitingroom.evictions")
				.description("Users dropped from the queue or the shop, by reason (idle, expired)")
				.tags(Tags.of("room", roomId, "reason", reason))
				.register(this.registry)
				.increment(count);
		}
	}

	void rejected(String roomId) {
		counter("headcount.waitingroom.rejections", "Joins refused with 429: shop and queue full", roomId).increment();
	}

	private Counter counter(String name, String description, String roomId) {
		return Counter.builder(name).description(description).tag("room", roomId).register(this.registry);
	}

	/** Whether this instance reports the fleet gauges now (so reads are worth it). */
	boolean reportsFleetGauges() {
		return this.gauges.isReporting();
	}

	/** The room's latest figures; registers its gauges on first sight. */
	void figures(String roomId, RoomStore.Figures latest) {
		if (this.figures.put(roomId, latest) == null) {
			Tags room = Tags.of("room", roomId);
			gauge("headcount.waitingroom.queue.size", "People waiting in the room's queue", room, roomId,
					RoomStore.Figures::waiting);
			gauge("headcount.waitingroom.active", "Shoppers in the shop", room, roomId, RoomStore.Figures::active);
			gauge("headcount.waitingroom.ewt.last.expected",
					"Expected wait of the last in line, seconds (0 when nobody waits)", room, roomId,
					(f) -> seconds(f.asOf(), f.lastExpectedAt()));
			gauge("headcount.waitingroom.ewt.last.latest",
					"Guaranteed longest wait of the last in line, seconds (0 when nobody waits)", room, roomId,
					(f) -> seconds(f.asOf(), f.lastLatestAt()));
		}
	}

	private void gauge(String name, String description, Tags tags, String roomId,
			ToDoubleFunction<RoomStore.Figures> value) {
		this.gauges.register(name, description, tags, () -> {
			RoomStore.Figures f = this.figures.get(roomId);
			return (f != null) ? value.applyAsDouble(f) : Double.NaN;
		});
	}

	private static double seconds(Instant now, @Nullable Instant at) {
		return (at != null) ? Math.max(0, Duration.between(now, at).toMillis() / 1000.0) : 0;
	}

}
