package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One room's configuration, as room.lua reads it from the room's config hash.
 *
 * @param activeCapacity shoppers allowed in the shop at once
 * @param queueCapacity people allowed to wait; beyond it joining answers 429
 * @param maxShoppingTime how long an admitted shopper may stay
 * @param heartbeatTimeout silence after which a waiting or active user is dropped
 * @param webshopUrl where admitted shoppers are redirected
 * @param opensAt optional opening time; before it everybody waits
 * @param state open, paused, closed or sold out
 * @param proofOfWorkBits leading zero bits a join's proof of work must have, 0 for none
 * @param drawSeed the seed that drew the order of those who joined before the opening
 * time, once the room opened (secret before)
 */
public record RoomConfig(int activeCapacity, int queueCapacity, Duration maxShoppingTime, Duration heartbeatTimeout,
		URI webshopUrl, @Nullable Instant opensAt, RoomState state, int proofOfWorkBits, @Nullable String drawSeed) {

	public RoomConfig(int activeCapacity, int queueCapacity, Duration maxShoppingTime, Duration heartbeatTimeout,
			URI webshopUrl, @Nullable Instant opensAt, RoomState state, int proofOfWorkBits) {
		this(activeCapacity, queueCapacity, maxShoppingTime, heartbeatTimeout, webshopUrl, opensAt, state,
				proofOfWorkBits, null);
	}

	/** The config hash's fields and values, as room.lua's put takes them. */
	List<String> fields(Duration margin) {
		List<String> fields = new ArrayList<>(List.of("capacity", Integer.toString(this.activeCapacity), "queue",
				Integer.toString(this.queueCapacity), "shop", Long.toString(this.maxShoppingTime.toMillis()), "beat",
				Long.toString(this.heartbeatTimeout.toMillis()), "url", this.webshopUrl.toString(), "opens",
				(this.opensAt != null) ? Long.toString(this.opensAt.toEpochMilli()) : "", "state", this.state.name(),
				"pow", Integer.toString(this.proofOfWorkBits), "margin", Long.toString(margin.toMillis())));
		return fields;
	}

	static RoomConfig of(Map<String, String> hash) {
		String opens = hash.getOrDefault("opens", "");
		return new RoomConfig(Integer.parseInt(hash.get("capacity")), Integer.parseInt(hash.get("queue")),
				Duration.ofMillis(Long.parseLong(hash.get("shop"))),
				Duration.ofMillis(Long.parseLong(hash.get("beat"))), URI.create(hash.get("url")),
				opens.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(opens)),
				RoomState.valueOf(hash.get("state")), Integer.parseInt(hash.getOrDefault("pow", "0")),
				"1".equals(hash.get("opened")) ? hash.get("seed") : null);
	}

	/** The same configuration in another state (as Redis last reported it). */
	public RoomConfig withState(RoomState newState) {
		return new RoomConfig(this.activeCapacity, this.queueCapacity, this.maxShoppingTime, this.heartbeatTimeout,
				this.webshopUrl, this.opensAt, newState, this.proofOfWorkBits, this.drawSeed);
	}

}
