package io.headcount.presence.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import io.headcount.presence.config.PresenceProperties;
import org.junit.jupiter.api.Test;

class LivenessTimingTests {

	@Test
	void aDeviceIsGoneAfterDPlusTwoDelta() {
		assertThat(properties(Duration.ofSeconds(20), Duration.ofSeconds(5)).timeout())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(properties(Duration.ofSeconds(1), Duration.ofMillis(250)).timeout())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void rejectsANonPositiveHeartbeatInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ZERO, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
	}

	static PresenceProperties properties(Duration d, Duration delta) {
		return new PresenceProperties(d, delta, d, Duration.ofDays(7), 32, Duration.ofMillis(250),
				Duration.ofSeconds(1), 500, 500, 1000, 256);
	}

}
