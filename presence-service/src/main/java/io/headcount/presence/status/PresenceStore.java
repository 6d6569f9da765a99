package io.headcount.presence.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.headcount.platform.outbox.OutboxBacklogFullException;
import io.headcount.platform.outbox.OutboxProperties;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.config.PresenceProperties;
import io.lettuce.core.KeyValue;

import org.springframework.stereotype.Component;

/** The Redis adapter of presence: runs presence.lua per shard and reads users' hashes. */
@Component
public class PresenceStore {

	private static final LuaScript SCRIPT = LuaScript.load(PresenceStore.class, "presence.lua");

	private final RedisConnections redis;

	private final PresenceShards shards;

	private final String ttlSeconds;

	private final String maxBacklog;

	public PresenceStore(RedisConnections redis, PresenceProperties properties, OutboxProperties outbox) {
		this.redis = redis;
		this.maxBacklog = Long.toString(outbox.maxBacklog());
		this.shards = new PresenceShards(properties.shards());
		this.ttlSeconds = Long.toString(Math.max(1, properties.lastActiveTtl().toSeconds()));
	}

	public PresenceShards shards() {
		return this.shards;
	}

	/**
	 * Applies commands of users of one shard in one atomic script call; one outcome per
	 * command.
	 */
	CompletableFuture<List<Outcome>> touch(int shard, List<DeviceCommand> commands) {
		String[] keys = { PresenceShards.deadlines(shard), PresenceShards.online(shard), PresenceShards.outbox(shard) };
		String[] args = new String[5 + 4 * commands.size()];
		args[0] = "touch";
		args[1] = PresenceShards.userPrefix(shard);
		args[2] = PresenceShards.channelPrefix(shard);
		args[3] = this.ttlSeconds;
		args[4] = this.maxBacklog;
		int i = 5;
		for (DeviceCommand command : commands) {
			args[i++] = command.userId();
			args[i++] = command.deviceId();
			args[i++] = command.op().script();
			args[i++] = Long.toString(command.timeout().toMillis());
		}
		return RedisCalls.eval(this.redis.async(), SCRIPT, keys, args).thenApply(this::touched);
	}

	/**
	 * Removes expired devices of one shard if this instance holds (or now takes) the
	 * shard's lease.
	 * @return the outcomes, or null when another instance holds the lease
	 */
	public CompletableFuture<Sweep> sweep(int shard, String instanceId, Duration lease, int limit) {
		String[] keys = { PresenceShards.deadlines(shard), PresenceShards.online(shard), PresenceShards.lease(shard),
				PresenceShards.outbox(shard) };
		return RedisCalls
			.eval(this.redis.async(), SCRIPT, keys, "sweep", PresenceShards.userPrefix(shard),
					PresenceShards.channelPrefix(shard), this.ttlSeconds, instanceId,
					Long.toString(Math.max(1, lease.toMillis())), Integer.toString(limit))
			.thenApply((reply) -> new Sweep(asLong(reply.get(0)) == 1, asLong(reply.get(1)) == 1, outcomes(reply)));
	}

	/** Each user's presence as {@code viewer} sees it, in the order asked. */
	public CompletableFuture<List<PresenceView>> read(String viewer, List<String> userIds) {
		List<CompletableFuture<PresenceView>> reads = new ArrayList<>(userIds.size());
		for (String userId : userIds) {
			boolean self = userId.equals(viewer);
			reads.add(this.redis.async()
				.hmget(this.shards.userKey(userId), "shown", "la", "pla", "seq")
				.toCompletableFuture()
				.thenApply((values) -> view(userId, self, values)));
		}
		return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
			.thenApply((done) -> reads.stream().map(CompletableFuture::join).toList());
	}

	/** Users not offline (online, away or invisible), summed over all shards. */
	public CompletableFuture<Long> connectedUsers() {
		List<CompletableFuture<String>> counts = new ArrayList<>();
		for (int shard = 0; shard < this.shards.count(); shard++) {
			counts.add(this.redis.async().get(PresenceShards.online(shard)).toCompletableFuture());
		}
		return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new))
			.thenApply((done) -> counts.stream().map(CompletableFuture::join).mapToLong(PresenceStore::asLong).sum());
	}

	private static PresenceView view(String userId, boolean self, List<KeyValue<String, String>> values) {
		PresenceStatus status = values.get(0).hasValue() ? PresenceStatus.of(values.get(0).getValue())
				: PresenceStatus.OFFLINE;
		Instant lastActive = instant(values.get(self ? 1 : 2).getValueOrElse(null));
		long seq = values.get(3).hasValue() ? Long.parseLong(values.get(3).getValue()) : 0;
		return new PresenceView(userId, self ? status : status.publicView(), lastActive, seq);
	}

	private List<Outcome> touched(List<Object> reply) {
		if (reply.size() == 1 && asLong(reply.getFirst()) == -2) {
			throw new OutboxBacklogFullException(Long.parseLong(this.maxBacklog));
		}
		return outcomes(reply);
	}

	private static List<Outcome> outcomes(List<Object> reply) {
		List<Outcome> outcomes = new ArrayList<>((reply.size() - 2) / 9);
		for (int i = 2; i + 8 < reply.size(); i += 9) {
			outcomes.add(new Outcome((String) reply.get(i), (String) reply.get(i + 1),
					PresenceStatus.of((String) reply.get(i + 2)), PresenceStatus.of((String) reply.get(i + 3)),
					instant(reply.get(i + 4)), instant(reply.get(i + 5)), asLong(reply.get(i + 6)),
					(String) reply.get(i + 7), instant(reply.get(i + 8))));
		}
		return outcomes;
	}

	static Instant instant(Object millis) {
		long value = asLong(millis);
		return (value <= 0) ? null : Instant.ofEpochMilli(value);
	}

	private static long asLong(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number) {
			return number.longValue();
		}
		return Long.parseLong(value.toString());
	}

	/**
	 * One sweep of one shard.
	 *
	 * @param leased this instance held the shard's lease (otherwise nothing was done)
	 * @param more the sweep hit its limit: sweep again
	 * @param outcomes one per expired device
	 */
	public record Sweep(boolean leased, boolean more, List<Outcome> outcomes) {

	}

}
