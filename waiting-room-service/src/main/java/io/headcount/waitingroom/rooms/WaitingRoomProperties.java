package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The rooms this instance serves, one per product drop, keyed by room id.
 */
@ConfigurationProperties("headcount.waiting-room")
@Validated
public record WaitingRoomProperties(Map<String, @Valid Room> rooms) {

	public WaitingRoomProperties {
		rooms = (rooms != null) ? Map.copyOf(rooms) : Map.of();
	}

	/**
	 * One room's configuration.
	 *
	 * @param activeCapacity shoppers allowed in the shop at once
	 * @param queueCapacity people allowed to wait; beyond it joining answers 429
	 * @param maxShoppingTime how long an admitted shopper may stay
	 * @param heartbeatTimeout silence after which a waiting or active user is dropped
	 * @param webshopUrl where admitted shoppers are redirected
	 * @param opensAt optional opening time; before it everybody waits
	 */
	public record Room(@Min(1) int activeCapacity, @Min(0) int queueCapacity, @NotNull Duration maxShoppingTime,
			@NotNull Duration heartbeatTimeout, @NotNull URI webshopUrl, Instant opensAt) {
	}

}
