package io.headcount.counter.counters.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.CounterProperties;
import io.headcount.platform.redis.LuaScript;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;

/**
 * {@code apply-batch.lua}'s codec: the arguments of one call for a group of object
 * batches, and its reply back to one result per change. Arguments are written straight
 * into Lettuce's buffer, numbers as numbers and text as UTF-8 bytes, because String
 * arguments would each go through a temporary buffer of the codec (docs/counters.md has
 * the share of a like's CPU that took); the script's text and SHA and the fixed arguments
 * are encoded once.
 */
final class ApplyBatchScript {

	/**
	 * The script's answer when a key is not on the node it ran on (and it wrote nothing).
	 */
	private static final long NOT_LOCAL = -1;

	/** The script's answer when the outbox holds its backlog limit (it wrote nothing). */
	private static final long BACKLOG_FULL = -2;

	/** Integers the script answers per change. */
	private static final int REPLY_WIDTH = 5;

	private static final byte[] NO_KEY = new byte[0];

	private static final byte[][] KINDS = kinds();

	private final LuaScript script;

	private final byte[][] fixedArgs;

	ApplyBatchScript(CounterProperties properties, long maxBacklog) {
		this.script = LuaScript.load(Change.class, "apply-batch.lua");
		long[] seconds = { properties.batchMarkerTtl().toSeconds(), properties.idempotencyTtl().toSeconds(),
				properties.retention().minute().toSeconds(), properties.retention().hour().toSeconds(),
				properties.retention().day().toSeconds(), maxBacklog };
		this.fixedArgs = new byte[seconds.length][];
		for (int i = 0; i < seconds.length; i++) {
			this.fixedArgs[i] = Long.toString(seconds[i]).getBytes(StandardCharsets.US_ASCII);
		}
	}

	/** EVALSHA's arguments for these batches, all on one node. */
	CommandArgs<String, String> evalshaArgs(String marker, String outbox, List<ObjectBatch> group) {
		return args(this.script.sha1Bytes(), marker, outbox, group);
	}

	/** EVAL's arguments (the script's text) for the same call. */
	CommandArgs<String, String> evalArgs(String marker, String outbox, List<ObjectBatch> group) {
		return args(this.script.textBytes(), marker, outbox, group);
	}

	/**
	 * Whether the script refused the call because one of its keys is not on the node it
	 * ran on.
	 */
	static boolean notLocal(List<Object> reply) {
		return reply.size() == 1 && ((Long) reply.getFirst()) == NOT_LOCAL;
	}

	/** Whether the script refused the call because the outbox holds its backlog limit. */
	static boolean backlogFull(List<Object> reply) {
		return reply.size() == 1 && ((Long) reply.getFirst()) == BACKLOG_FULL;
	}

	/**
	 * Completes each batch of the group with its results, in the order of its changes.
	 */
	static void answer(List<ObjectBatch> group, List<Object> reply) {
		int at = 0;
		for (ObjectBatch batch : group) {
			List<ChangeResult> results = new ArrayList<>(batch.changes().size());
			for (int j = 0; j < batch.changes().size(); j++, at += REPLY_WIDTH) {
				results.add(ChangeResult.of((Long) reply.get(at), (Long) reply.get(at + 1), (Long) reply.get(at + 2),
						(Long) reply.get(at + 3), (Long) reply.get(at + 4)));
			}
			batch.result().complete(results);
		}
	}

	private CommandArgs<String, String> args(byte[] script, String marker, String outbox, List<ObjectBatch> group) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(script).add(1).addKey(marker);
		for (byte[] fixed : this.fixedArgs) {
			args.add(fixed);
		}
		args.add(outbox.getBytes(StandardCharsets.UTF_8)).add(group.size());
		for (ObjectBatch batch : group) {
			args.add(CounterKeys.counts(batch.objectId()).getBytes(StandardCharsets.UTF_8)).add(batch.changes().size());
			for (Change change : batch.changes()) {
				args.add(KINDS[change.kind().ordinal()])
					.add(change.field().getBytes(StandardCharsets.UTF_8))
					.add(change.delta())
					.add(change.actor().getBytes(StandardCharsets.UTF_8))
					.add((change.idempotencyKey() != null) ? change.idempotencyKey().getBytes(StandardCharsets.UTF_8)
							: NO_KEY)
					.add(change.timeMs());
			}
		}
		return args;
	}

	private static byte[][] kinds() {
		Change.Kind[] kinds = Change.Kind.values();
		byte[][] codes = new byte[kinds.length][];
		for (Change.Kind kind : kinds) {
			codes[kind.ordinal()] = kind.code().getBytes(StandardCharsets.US_ASCII);
		}
		return codes;
	}

}
