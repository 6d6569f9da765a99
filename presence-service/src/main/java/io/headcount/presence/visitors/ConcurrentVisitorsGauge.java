package io.headcount.presence.visitors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.headcount.platform.metrics.FleetGauges;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code headcount.visitors.concurrent}, tag {@code site}: each configured site's live
 * sessions, fleet-wide. Only the instance holding platform's fleet-gauge lease reads the
 * counts (every refresh, all sites in parallel) and reports them, so a Grafana sum over
 * instances is right at any replica count. The gauges read the last refresh, so a report
 * never waits for Redis.
 */
class ConcurrentVisitorsGauge {

	static final String NAME = "headcount.visitors.concurrent";

	private static final Logger logger = LoggerFactory.getLogger(ConcurrentVisitorsGauge.class);

	private final FleetGauges gauges;

	private final Visitors visitors;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	ConcurrentVisitorsGauge(FleetGauges gauges, Visitors visitors) {
		this.gauges = gauges;
		this.visitors = visitors;
	}

	void refresh() {
		if (!this.gauges.isReporting()) {
			return;
		}
		try {
			List<CompletableFuture<?>> reads = new ArrayList<>();
			for (String siteId : this.visitors.sites().ids().get(5, TimeUnit.SECONDS)) {
				Optional<Site> site = this.visitors.sites().find(siteId);
				if (site.isEmpty()) {
					continue;
				}
				AtomicLong value = this.counts.computeIfAbsent(siteId, this::register);
				reads.add(this.visitors.countAsync(site.get(), null, 0)
					.thenAccept((count) -> value.set(count.concurrent())));
			}
			CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Refreshing the concurrent visitors gauge failed: {}", ex.toString());
		}
	}

	private AtomicLong register(String siteId) {
		AtomicLong value = new AtomicLong();
		this.gauges.register(NAME, "Live visitor sessions of a site, fleet-wide", Tags.of("site", siteId), value::get);
		return value;
	}

}
