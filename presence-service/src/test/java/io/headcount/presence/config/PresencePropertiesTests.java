package io.headcount.presence.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PresencePropertiesTests {

	@Test
	void defaultsAreDTwentySecondsDeltaFiveGraceTwentyAndSevenDaysOfLastActive() {
		PresenceProperties defaults = bind(Map.of());
		assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
		assertThat(defaults.delta()).isEqualTo(Duration.ofSeconds(5));
		assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.grace()).isEqualTo(Duration.ofSeconds(20));
		assertThat(defaults.lastActiveTtl()).isEqualTo(Duration.ofDays(7));
		assertThat(defaults.maxQueryIds()).isEqualTo(500);
		assertThat(defaults.maxSubscriptionsPerConnection()).isEqualTo(1000);
	}

	@Test
	void theLastActiveTtlAndTimingsAreConfigurable() {
		PresenceProperties custom = bind(Map.of("headcount.presence.last-active-ttl", "3d",
				"headcount.presence.heartbeat-interval", "1s", "headcount.presence.delta", "250ms"));
		assertThat(custom.lastActiveTtl()).isEqualTo(Duration.ofDays(3));
		assertThat(custom.timeout()).isEqualTo(Duration.ofMillis(1500));
	}

	private static PresenceProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("headcount.presence",
				PresenceProperties.class);
	}

}
