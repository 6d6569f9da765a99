package io.headcount.waitingroom.rooms;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.headcount.platform.metrics.FleetGauges;
import io.headcount.platform.outbox.OutboxProperties;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.scheduling.PeriodicWorker;
import io.headcount.platform.web.TokenBuckets;
import io.headcount.waitingroom.tokens.AdmissionTokens;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rooms' beans: the outbox streams (one per group of slots: a room's events go to the
 * stream of its node, in the call that changes the room), the store, the domain
 * operations, and the admission loop on platform's {@code PeriodicWorker}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WaitingRoomProperties.class)
class RoomsConfiguration {

	@Bean
	OutboxStreams waitingRoomOutboxStreams() {
		return OutboxStreams.slotGroups("waiting-room", 16);
	}

	@Bean
	RoomStore roomStore(RedisConnections redis, OutboxStreams waitingRoomOutboxStreams, OutboxProperties outbox,
			WaitingRoomProperties properties) {
		return new RoomStore(redis, waitingRoomOutboxStreams, outbox.maxBacklog(), properties.margin());
	}

	@Bean
	RoomMetrics roomMetrics(MeterRegistry registry, FleetGauges gauges) {
		return new RoomMetrics(registry, gauges);
	}

	@Bean
	Rooms rooms(RoomStore store, RedisCalls calls, AdmissionTokens tokens, RoomMetrics metrics,
			WaitingRoomProperties properties, Clock clock) {
		double rate = properties.joinsPerSecond();
		TokenBuckets joins = new TokenBuckets((rate > 0) ? rate : 1e9, Math.max(1, 5 * rate), System::nanoTime);
		return new Rooms(store, calls, tokens, metrics, joins,
				new ProofOfWork(tokens.derivedSecret("waiting-room join challenges"), clock));
	}

	@Bean
	PeriodicWorker admissionLoop(RoomStore store, WaitingRoomProperties properties, RedisCalls calls,
			RoomMetrics metrics) {
		AdmissionLoop loop = new AdmissionLoop(store, properties, calls, metrics);
		Duration interval = properties.admissionInterval();
		// instances that start together do not run in step
		Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(interval.toMillis() + 1));
		return PeriodicWorker.withFixedDelay("waiting-room-admissions", interval, loop::run).withInitialDelay(first);
	}

}
