package io.headcount.waitingroom.rooms;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.headcount.platform.outbox.OutboxBacklogFullException;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;

/**
 * The Redis adapter of rooms: every change and read of a room's queue and shop is one
 * room.lua call on the room's keys, which also writes its events to the outbox stream of
 * the room's node.
 */
public class RoomStore {

	private static final LuaScript SCRIPT = LuaScript.load(RoomStore.class, "room.lua", LuaScript.Library.ISO_TIME);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RedisConnections redis;

	private final OutboxStreams outbox;

	private final long maxBacklog;

	private final Duration margin;

	RoomStore(RedisConnections redis, OutboxStreams outbox, long maxBacklog, Duration margin) {
		this.redis = redis;
		this.outbox = outbox;
		this.maxBacklog = maxBacklog;
		this.margin = margin;
	}

	/**
	 * Writes a room's configuration.
	 * @param onlyIfAbsent leave a room that exists as it is (startup seeding)
	 */
	CompletableFuture<Boolean> put(String roomId, RoomConfig config, boolean onlyIfAbsent) {
		List<String> args = new ArrayList<>(config.fields(this.margin));
		// the draw's seed of a new room (an existing room keeps its own)
		byte[] seed = new byte[16];
		RANDOM.nextBytes(seed);
		args.addAll(List.of("seed", HexFormat.of().formatHex(seed)));
		return call(roomId, onlyIfAbsent ? "seed" : "put", args).thenCompose((reply) -> this.redis.async()
			.sadd(RoomKeys.INDEX, roomId)
			.toCompletableFuture()
			.thenApply((added) -> RedisCalls.asLong(reply.get(0)) == 1));
	}

	CompletableFuture<Optional<RoomConfig>> config(String roomId) {
		return this.redis.async()
			.hgetall(RoomKeys.config(roomId))
			.toCompletableFuture()
			.thenApply(
					(Map<String, String> hash) -> hash.isEmpty() ? Optional.empty() : Optional.of(RoomConfig.of(hash)));
	}

	/** Every configured room's id. */
	public CompletableFuture<Set<String>> rooms() {
		return this.redis.async().smembers(RoomKeys.INDEX).toCompletableFuture();
	}

	/**
	 * Joins, or finds the user's place (a heartbeat) when already in.
	 * @throws UnknownRoom, RoomFull, RoomNotJoinable, OutboxBacklogFullException (in the
	 * future)
	 */
	CompletableFuture<Joined> join(String roomId, String userId) {
		return call(roomId, "join", List.of(userId)).thenApply((reply) -> {
			long code = RedisCalls.asLong(reply.get(0));
			if (code == -3) {
				throw new UnknownRoom(roomId);
			}
			if (code == -2) {
				throw new OutboxBacklogFullException(this.maxBacklog);
			}
			if (code == -4) {
				throw new RoomNotJoinable(roomId, RoomState.valueOf(reply.get(1).toString()));
			}
			if (code == -1) {
				throw new RoomFull(roomId, RedisCalls.asLong(reply.get(2)));
			}
			Place place = Place.of(reply.get(1), reply.get(2), reply.get(4), reply.get(5), reply.get(6), reply.get(3),
					RedisCalls.asLong(reply.get(7)));
			return new Joined(place, code == 1);
		});
	}

	/**
	 * The places of these users, after a heartbeat of each if asked.
	 */
	public CompletableFuture<Places> places(String roomId, boolean heartbeat, List<String> userIds) {
		return places(roomId, heartbeat ? "1" : "0", userIds);
	}

	/**
	 * The places of these users after a lazy heartbeat of each (an open WebSocket's,
	 * every push round): a deadline within a tenth of the timeout (at most 1 s) of what a
	 * heartbeat would write is left as it is, which saves the write and its replication
	 * on most rounds.
	 */
	public CompletableFuture<Places> placesAfterLazyHeartbeats(String roomId, List<String> userIds) {
		return places(roomId, "lazy", userIds);
	}

	private CompletableFuture<Places> places(String roomId, String heartbeat, List<String> userIds) {
		List<String> args = new ArrayList<>(userIds.size() + 1);
		args.add(heartbeat);
		args.addAll(userIds);
		return call(roomId, "status", args).thenApply((reply) -> {
			if (RedisCalls.asLong(reply.get(0)) == -3 && reply.size() == 1) {
				throw new UnknownRoom(roomId);
			}
			long now = RedisCalls.asLong(reply.get(0));
			RoomState state = RoomState.valueOf(reply.get(1).toString());
			List<Place> places = new ArrayList<>(userIds.size());
			for (int i = 2; i + 5 < reply.size(); i += 6) {
				places.add(Place.of(reply.get(i), reply.get(i + 1), reply.get(i + 2), reply.get(i + 3),
						reply.get(i + 4), reply.get(i + 5), now));
			}
			return new Places(state, places);
		});
	}

	/**
	 * @return whether the user was in the room
	 */
	CompletableFuture<Boolean> leave(String roomId, String userId) {
		return call(roomId, "leave", List.of(userId)).thenApply((reply) -> {
			long code = RedisCalls.asLong(reply.get(0));
			if (code == -3) {
				throw new UnknownRoom(roomId);
			}
			return code == 1;
		});
	}

	/** One round of the admission loop on one room. */
	CompletableFuture<Tick> tick(String roomId, int batch) {
		return call(roomId, "tick", List.of(Integer.toString(batch))).thenApply((reply) -> {
			if (reply.size() == 1) {
				return new Tick(0, 0, 0, false);
			}
			return new Tick((int) RedisCalls.asLong(reply.get(1)), (int) RedisCalls.asLong(reply.get(2)),
					(int) RedisCalls.asLong(reply.get(3)), RedisCalls.asLong(reply.get(4)) == 1);
		});
	}

	/** The room's live figures. */
	public CompletableFuture<Figures> figures(String roomId) {
		return call(roomId, "info", List.of()).thenApply((reply) -> {
			if (reply.size() == 1) {
				throw new UnknownRoom(roomId);
			}
			long now = RedisCalls.asLong(reply.get(0));
			long waiting = RedisCalls.asLong(reply.get(3));
			return new Figures(Instant.ofEpochMilli(now), RoomState.valueOf(reply.get(1).toString()),
					RedisCalls.asLong(reply.get(2)), waiting, RedisCalls.asLong(reply.get(4)),
					(waiting > 0) ? Instant.ofEpochMilli(RedisCalls.asLong(reply.get(5))) : null,
					(waiting > 0) ? Instant.ofEpochMilli(RedisCalls.asLong(reply.get(6))) : null);
		});
	}

	/** Marks the room sold out and drops its queue. @return the waiting users dropped */
	CompletableFuture<Long> soldOut(String roomId) {
		return call(roomId, "soldout", List.of()).thenApply((reply) -> {
			if (RedisCalls.asLong(reply.get(0)) == -3) {
				throw new UnknownRoom(roomId);
			}
			return RedisCalls.asLong(reply.get(0));
		});
	}

	private CompletableFuture<List<Object>> call(String roomId, String mode, List<String> more) {
		String stream;
		try {
			stream = this.outbox.streamFor(this.redis.connection().getPartitions(),
					SlotHash.getSlot(RoomKeys.tag(roomId)));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		String[] args = new String[4 + more.size()];
		args[0] = mode;
		args[1] = roomId;
		args[2] = Long.toString(this.maxBacklog);
		args[3] = stream;
		for (int i = 0; i < more.size(); i++) {
			args[4 + i] = more.get(i);
		}
		return RedisCalls.eval(this.redis.async(), SCRIPT, RoomKeys.of(roomId), args);
	}

	/** A join's answer: the place, and whether it is new (not a rejoin). */
	record Joined(Place place, boolean isNew) {

	}

	/** Places of several users of one room. */
	public record Places(RoomState state, List<Place> places) {

	}

	/** What one round of the admission loop did. */
	record Tick(int admitted, int idle, int expired, boolean more) {

	}

	/**
	 * A room's live figures: shoppers in, people waiting, admissions in the last minute,
	 * and the EWT of the last in line.
	 */
	public record Figures(Instant asOf, RoomState state, long active, long waiting, long admissionsLastMinute,
			@Nullable Instant lastExpectedAt, @Nullable Instant lastLatestAt) {

	}

}
