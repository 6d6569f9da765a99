package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /v1/rooms/{roomId}}: the whole configuration (absent optional
 * fields take their defaults).
 *
 * @param activeCapacity shoppers allowed in the shop at once
 * @param queueCapacity people allowed to wait (default 200,000)
 * @param maxShoppingSeconds how long an admitted shopper may stay
 * @param heartbeatTimeoutSeconds silence after which a user is dropped (default 30)
 * @param webshopUrl where admitted shoppers are redirected (http or https)
 * @param opensAt optional opening time; before it everybody waits
 * @param state default {@code OPEN}
 * @param proofOfWorkBits leading zero bits of a join's proof of work, 0 (default) for
 * none
 */
record RoomRequest(@NotNull @Min(1) @Max(1_000_000) Integer activeCapacity,
		@Nullable @Min(0) @Max(10_000_000) Integer queueCapacity,
		@NotNull @Min(1) @Max(86_400) Integer maxShoppingSeconds,
		@Nullable @Min(2) @Max(3_600) Integer heartbeatTimeoutSeconds, @NotNull URI webshopUrl,
		@Nullable Instant opensAt, @Nullable RoomState state, @Nullable @Min(0) @Max(24) Integer proofOfWorkBits) {

	RoomConfig config() {
		String scheme = this.webshopUrl.getScheme();
		if (!("http".equals(scheme) || "https".equals(scheme)) || this.webshopUrl.getHost() == null
				|| this.webshopUrl.toString().length() > 2048) {
			throw new InvalidRoomInput("webshopUrl must be an absolute http or https URL of at most 2048 characters");
		}
		return new RoomConfig(this.activeCapacity, (this.queueCapacity != null) ? this.queueCapacity : 200_000,
				java.time.Duration.ofSeconds(this.maxShoppingSeconds),
				java.time.Duration
					.ofSeconds((this.heartbeatTimeoutSeconds != null) ? this.heartbeatTimeoutSeconds : 30),
				this.webshopUrl, this.opensAt, (this.state != null) ? this.state : RoomState.OPEN,
				(this.proofOfWorkBits != null) ? this.proofOfWorkBits : 0);
	}

}
