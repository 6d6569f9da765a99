package io.headcount.presence.liveness;

import java.util.function.Supplier;

import io.headcount.platform.metrics.FleetGauges;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.presence.status.PresenceStore;

import org.springframework.stereotype.Component;

/**
 * {@code headcount.presence.online.users}: users that are online, away or invisible,
 * fleet-wide. The shard counters are kept by the presence script; only the instance
 * holding platform's fleet-gauge lease reads and reports them, so a Grafana sum over
 * instances is right at any replica count.
 */
@Component
class OnlineUsersGauge {

	/** Held here: Micrometer keeps a gauge's state object only weakly. */
	private final Supplier<Long> connectedUsers;

	OnlineUsersGauge(FleetGauges gauges, PresenceStore store, RedisCalls redis) {
		this.connectedUsers = () -> redis.await(store.connectedUsers());
		gauges.register("headcount.presence.online.users", "Users online, away or invisible, fleet-wide",
				this.connectedUsers);
	}

}
