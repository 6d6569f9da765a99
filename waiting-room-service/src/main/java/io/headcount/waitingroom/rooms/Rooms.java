package io.headcount.waitingroom.rooms;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.web.TokenBuckets;
import io.headcount.waitingroom.tokens.AdmissionTokens;
import org.jspecify.annotations.Nullable;

/**
 * The rooms' domain operations, each one room.lua call: configure, join, find one's place
 * (with or without a heartbeat), leave, sell out. It turns a place into what the client
 * sees ({@link Entry}): the admission token and redirect for a shopper, the EWT and poll
 * interval for the waiting.
 */
public class Rooms {

	/** How long a room's configuration is read from this instance's copy. */
	private static final long CONFIG_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private final RoomStore store;

	private final RedisCalls redis;

	private final AdmissionTokens tokens;

	private final RoomMetrics metrics;

	private final TokenBuckets joins;

	private final Map<String, Cached> configs = new ConcurrentHashMap<>();

	private final ProofOfWork work;

	Rooms(RoomStore store, RedisCalls redis, AdmissionTokens tokens, RoomMetrics metrics, TokenBuckets joins,
			ProofOfWork work) {
		this.work = work;
		this.store = store;
		this.redis = redis;
		this.tokens = tokens;
		this.metrics = metrics;
		this.joins = joins;
	}

	void configure(String roomId, RoomConfig config) {
		this.redis.await(this.store.put(roomId, config, false));
		this.configs.remove(roomId);
	}

	/** The room's configuration. @throws UnknownRoom */
	public RoomConfig config(String roomId) {
		Cached cached = this.configs.get(roomId);
		if (cached != null && System.nanoTime() - cached.readAt < CONFIG_CACHE_NANOS) {
			return cached.config;
		}
		Optional<RoomConfig> config = this.redis.await(this.store.config(roomId));
		if (config.isEmpty()) {
			throw new UnknownRoom(roomId);
		}
		this.configs.put(roomId, new Cached(config.get(), System.nanoTime()));
		return config.get();
	}

	/**
	 * Joins the room, or answers the place the user already has.
	 * @param proofOfWork the {@code Proof-Of-Work} header, for a room that asks for one
	 */
	Entry join(String roomId, String userId, @Nullable String proofOfWork) {
		long wait = this.joins.tryAcquire(userId);
		if (wait > 0) {
			throw new TooManyJoins(Duration.ofNanos(wait));
		}
		RoomConfig config = config(roomId);
		this.work.check(roomId, userId, config.proofOfWorkBits(), proofOfWork);
		RoomStore.Joined joined;
		try {
			joined = this.redis.await(this.store.join(roomId, userId));
		}
		catch (RoomFull ex) {
			this.metrics.rejected(roomId);
			throw ex;
		}
		if (joined.isNew()) {
			this.metrics.joined(roomId, joined.place().state() == Place.State.ACTIVE);
		}
		return entry(roomId, userId, config, joined.place());
	}

	/** A proof-of-work challenge for this user (bits 0 when the room needs none). */
	ProofOfWork.Challenge challenge(String roomId, String userId) {
		return this.work.challenge(roomId, userId, config(roomId).proofOfWorkBits());
	}

	/** The user's place, after a heartbeat when asked. */
	Entry place(String roomId, String userId, boolean heartbeat) {
		RoomConfig config = config(roomId);
		RoomStore.Places places = this.redis.await(this.store.places(roomId, heartbeat, List.of(userId)));
		return entry(roomId, userId, config.withState(places.state()), places.places().getFirst());
	}

	/**
	 * Several users' places, each after a lazy heartbeat (the open WebSockets' push: see
	 * {@link RoomStore#placesAfterLazyHeartbeats}).
	 */
	public CompletableFuture<RoomStore.Places> heartbeats(String roomId, List<String> userIds) {
		return this.store.placesAfterLazyHeartbeats(roomId, userIds);
	}

	/**
	 * @return whether the user was in the room
	 */
	boolean leave(String roomId, String userId) {
		return this.redis.await(this.store.leave(roomId, userId));
	}

	/**
	 * @return the waiting users dropped
	 */
	long soldOut(String roomId) {
		config(roomId);
		long dropped = this.redis.await(this.store.soldOut(roomId));
		this.configs.remove(roomId);
		return dropped;
	}

	RoomStore.Figures figures(String roomId) {
		return this.redis.await(this.store.figures(roomId));
	}

	List<String> roomIds() {
		return this.redis.await(this.store.rooms()).stream().sorted().toList();
	}

	/** What the client sees of a place. */
	public Entry entry(String roomId, String userId, RoomConfig config, Place place) {
		long refresh = Math.max(1, Math.min(10, config.heartbeatTimeout().toSeconds() / 3));
		if (place.state() == Place.State.ACTIVE && place.shoppingEndsAt() != null) {
			String token = this.tokens.issue(roomId, userId, place.shoppingEndsAt());
			return Entry.active(roomId, config, token, place, refresh);
		}
		return Entry.of(roomId, config, place, refresh);
	}

	private record Cached(RoomConfig config, long readAt) {
	}

}
