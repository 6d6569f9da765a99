package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code headcount.waiting-room.*}: rooms configured at startup (written to Redis only
 * when the room has no configuration yet; {@code PUT /v1/rooms/{roomId}} changes them
 * later) and the admission loop's timing.
 *
 * @param rooms rooms to create at startup, keyed by room id
 * @param defaultRoom the room of the seed's URLs ({@code /users/{userId}/webshop})
 * @param admissionInterval how often every instance runs the admission loop on each room
 * @param batch at most this many evictions and admissions per room and script call
 * @param margin what the EWT's guaranteed bound adds per admission for the loop's delay
 * @param pushInterval how often WebSocket watchers get their place (and count as a
 * heartbeat)
 * @param joinsPerSecond per-client (JWT subject) rate of joins, on top of platform's
 * write limit
 */
@ConfigurationProperties("headcount.waiting-room")
@Validated
public record WaitingRoomProperties(@DefaultValue Map<String, @Valid Room> rooms,
		@DefaultValue("ps5") String defaultRoom, @DefaultValue("100ms") Duration admissionInterval,
		@DefaultValue("500") @Min(1) int batch, @DefaultValue("1s") Duration margin,
		@DefaultValue("500ms") Duration pushInterval, @DefaultValue("2") @Min(0) double joinsPerSecond) {

	public WaitingRoomProperties {
		rooms = Map.copyOf(rooms);
	}

	/**
	 * One room's startup configuration.
	 *
	 * @param activeCapacity shoppers allowed in the shop at once
	 * @param queueCapacity people allowed to wait; beyond it joining answers 429
	 * @param maxShoppingTime how long an admitted shopper may stay
	 * @param heartbeatTimeout silence after which a waiting or active user is dropped
	 * @param webshopUrl where admitted shoppers are redirected
	 * @param opensAt optional opening time; before it everybody waits
	 */
	public record Room(@Min(1) int activeCapacity, @DefaultValue("200000") @Min(0) int queueCapacity,
			@NotNull Duration maxShoppingTime, @DefaultValue("30s") Duration heartbeatTimeout, @NotNull URI webshopUrl,
			@Nullable Instant opensAt) {

		RoomConfig config() {
			return new RoomConfig(this.activeCapacity, this.queueCapacity, this.maxShoppingTime, this.heartbeatTimeout,
					this.webshopUrl, this.opensAt, RoomState.OPEN, 0);
		}

	}

}
