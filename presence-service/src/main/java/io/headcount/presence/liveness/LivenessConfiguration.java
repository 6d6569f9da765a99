package io.headcount.presence.liveness;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.scheduling.PeriodicWorker;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.PresenceService;
import io.headcount.presence.status.PresenceStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deadline sweeper and the thread that runs it every {@code sweep-interval}. */
@Configuration(proxyBeanMethods = false)
class LivenessConfiguration {

	@Bean
	PeriodicWorker presenceSweeper(PresenceStore store, PresenceService presence, PresenceProperties properties,
			RedisCalls redis) {
		DeadlineSweeper sweeper = new DeadlineSweeper(store, presence, properties, redis);
		Duration interval = properties.sweepInterval();
		// instances that start together do not sweep in step
		Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(interval.toMillis() + 1));
		return PeriodicWorker.withFixedDelay("presence-sweeper", interval, sweeper::sweepAll).withInitialDelay(first);
	}

}
