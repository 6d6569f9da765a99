package io.headcount.presence.visitors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Where visitor sessions live in Redis. A site's sessions are spread over N shards by
 * their session id, so that a big site is N keys on the cluster's masters, not one hot
 * key. Everything of shard i carries the hash tag {@code {v<i>}}: per site the sessions
 * ({@code z:<site>}, score = last heartbeat), their objects ({@code so:<site>:<bucket>},
 * {@value #OBJECT_BUCKETS} small hashes, so each stays a compact listpack) and the live
 * count per object ({@code oc:<site>}); per shard the sweeper's index of sites with
 * sessions, its lease and the outbox stream. So one script call changes a session, its
 * counts and writes its event atomically on one node.
 */
final class VisitorShards {

	/**
	 * visitors.lua's {@code OBJECT_BUCKETS}: the hashes a shard's sessions-on-objects
	 * use.
	 */
	static final int OBJECT_BUCKETS = 256;

	private final int count;

	VisitorShards(int count) {
		this.count = count;
	}

	int count() {
		return this.count;
	}

	int of(String sessionId) {
		CRC32 crc = new CRC32();
		crc.update(sessionId.getBytes(StandardCharsets.US_ASCII));
		return (int) (crc.getValue() % this.count);
	}

	static String prefix(int shard) {
		return "visitors:{v" + shard + "}:";
	}

	static String sessions(int shard, String siteId) {
		return prefix(shard) + "z:" + siteId;
	}

	/** The prefix visitors.lua appends {@code :<bucket>} to. */
	static String objects(int shard, String siteId) {
		return prefix(shard) + "so:" + siteId;
	}

	/** Every bucket of {@link #objects}: what deleting or measuring a site visits. */
	static List<String> objectBuckets(int shard, String siteId) {
		return IntStream.range(0, OBJECT_BUCKETS).mapToObj((b) -> objects(shard, siteId) + ":" + b).toList();
	}

	static String objectCounts(int shard, String siteId) {
		return prefix(shard) + "oc:" + siteId;
	}

	static String sites(int shard) {
		return prefix(shard) + "sites";
	}

	static String lease(int shard) {
		return prefix(shard) + "lease";
	}

	static String outbox(int shard) {
		return prefix(shard) + "outbox";
	}

	/** The set of configured site ids. */
	static final String SITE_IDS = "visitors:{sites}:ids";

	/** The site's configuration: its own slot, read through {@link Sites}' cache. */
	static String site(String siteId) {
		return "visitors:site:{" + siteId + "}";
	}

	/** The keys a session's script call declares, in visitors.lua's order. */
	static String[] sessionKeys(int shard, String siteId) {
		return new String[] { sessions(shard, siteId), objects(shard, siteId), objectCounts(shard, siteId),
				sites(shard), outbox(shard) };
	}

}
