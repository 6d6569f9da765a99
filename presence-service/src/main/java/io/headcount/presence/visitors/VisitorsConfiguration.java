package io.headcount.presence.visitors;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.headcount.platform.metrics.FleetGauges;
import io.headcount.platform.outbox.OutboxProperties;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.scheduling.PeriodicWorker;
import io.headcount.platform.web.WriteRateKeys;
import io.headcount.platform.websocket.WebSocketEndpoints;
import io.headcount.platform.websocket.WebSocketSessions;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Site visitors' beans: the store, the outbox streams (one per shard, in the shard's
 * slot), the sweeper and the push on platform's {@code PeriodicWorker}, the per-site CORS
 * source, and /ws/sites/{siteId}/visitors on platform's WebSocket endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VisitorsProperties.class)
@EnableWebSocket
class VisitorsConfiguration implements WebSocketConfigurer {

	private final WebSocketEndpoints endpoints;

	private final Sites sites;

	private final Watchers watchers;

	private final VisitorsWebSocketHandler handler;

	private final Visitors visitors;

	private final VisitorStore store;

	private final VisitorsProperties properties;

	VisitorsConfiguration(RedisConnections redis, RedisCalls calls, VisitorsProperties properties,
			OutboxProperties outbox, WebSocketEndpoints endpoints, WebSocketSessions sessions, JsonMapper json) {
		this.properties = properties;
		this.endpoints = endpoints;
		this.sites = new Sites(redis, calls, properties.siteCacheTtl());
		this.store = new VisitorStore(redis, new VisitorShards(properties.shards()), outbox.maxBacklog());
		this.visitors = new Visitors(this.sites, this.store, calls, properties,
				new ClientTraits(properties.addressSalt()));
		this.watchers = new Watchers(this.visitors, properties);
		this.handler = new VisitorsWebSocketHandler(this.watchers, sessions, json);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.handler, List.of(new SiteReaderCheck(this.sites)),
				VisitorPaths.WEBSOCKET);
	}

	@Bean
	Visitors visitors() {
		return this.visitors;
	}

	@Bean
	VisitorStore visitorStore() {
		return this.store;
	}

	/** Replaces platform's empty source: the session API answers CORS per site. */
	/**
	 * A session's heartbeats and closes spend the session's write budget, not its
	 * address's: the pages of a whole office or mobile carrier can share one address
	 * (opens stay limited per address).
	 */
	@Bean
	WriteRateKeys visitorSessionWriteKeys() {
		return (request) -> {
			String session = VisitorPaths.sessionOfPath(request.getRequestURI());
			return (session != null) ? "visitor-session:" + session : null;
		};
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource() {
		return new SiteCors(this.sites);
	}

	@Bean
	OutboxStreams visitorsOutboxStreams() {
		return new OutboxStreams("visitors",
				IntStream.range(0, this.properties.shards()).mapToObj(VisitorShards::outbox).toList());
	}

	@Bean
	PeriodicWorker visitorsSweeper(RedisCalls calls, MeterRegistry registry) {
		SessionSweeper sweeper = new SessionSweeper(this.store, this.properties, calls, registry);
		Duration interval = this.properties.sweepInterval();
		// instances that start together do not sweep in step
		Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(interval.toMillis() + 1));
		return PeriodicWorker.withFixedDelay("visitors-sweeper", interval, sweeper::sweepAll).withInitialDelay(first);
	}

	/** Refreshed at the metrics step (InfluxDB gets one point per second). */
	@Bean
	PeriodicWorker visitorsConcurrentGauge(FleetGauges gauges) {
		ConcurrentVisitorsGauge gauge = new ConcurrentVisitorsGauge(gauges, this.visitors);
		return PeriodicWorker.withFixedDelay("visitors-gauge", Duration.ofSeconds(1), gauge::refresh);
	}

	@Bean
	PeriodicWorker visitorsPush() {
		return PeriodicWorker.withFixedDelay("visitors-push", this.properties.pushInterval(), this.watchers::pushAll);
	}

}
