package io.headcount.presence.status;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where a user lives in Redis. Users are spread over N shards; everything the presence
 * script touches for one user (the user's hash, the shard's deadlines and online counter,
 * the user's channel) carries the shard's hash tag {@code {p<i>}}, so one script call is
 * atomic on one cluster node.
 */
public final class PresenceShards {

	private final int count;

	public PresenceShards(int count) {
		this.count = count;
	}

	public int count() {
		return this.count;
	}

	public int of(String userId) {
		CRC32 crc = new CRC32();
		crc.update(userId.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % this.count);
	}

	static String tag(int shard) {
		return "presence:{p" + shard + "}:";
	}

	static String deadlines(int shard) {
		return tag(shard) + "deadlines";
	}

	static String online(int shard) {
		return tag(shard) + "online";
	}

	/**
	 * The shard's outbox stream: its events, written by the script that changes its
	 * users.
	 */
	static String outbox(int shard) {
		return tag(shard) + "outbox";
	}

	static String lease(int shard) {
		return tag(shard) + "lease";
	}

	static String userPrefix(int shard) {
		return tag(shard) + "u:";
	}

	static String channelPrefix(int shard) {
		return tag(shard) + "ch:";
	}

	public String userKey(String userId) {
		return userPrefix(of(userId)) + userId;
	}

	/** The shard channel on which the user's public changes are published. */
	public String channel(String userId) {
		return channelPrefix(of(userId)) + userId;
	}

	/** The user of a channel name made by {@link #channel(String)}, or null. */
	public static String userOfChannel(String channel) {
		int at = channel.indexOf("}:ch:");
		return (at < 0) ? null : channel.substring(at + 5);
	}

}
