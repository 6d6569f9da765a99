package io.headcount.counter.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.headcount.counter.config.CounterProperties;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import org.springframework.core.io.ClassPathResource;

/**
 * The Redis adapter: the changes of a round go out as one asynchronous script call per master node
 * ({@link CommandRounds}, {@code apply-batch.lua}), and the reads. Asynchronous so that many requests share
 * the connection's pipeline instead of a thread each.
 */
public class CounterStore {

	private final Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection;

	private final CommandRounds rounds;

	/** The script's text and its SHA-1, as the bytes EVAL and EVALSHA send (encoded once, not per call). */
	private final byte[] applyScript;

	private final byte[] applySha;

	private final byte[][] fixedArgs;

	private static final byte[] NO_KEY = new byte[0];

	private final IntConsumer callSizes;

	private final int maxChangesPerCall;

	/** The script's answer when a key is not on the node it ran on (and it wrote nothing). */
	private static final long NOT_LOCAL = -1;

	/**
	 * @param connection for reads, one command at a time
	 * @param rounds for the script calls, which go out in rounds
	 */
	public CounterStore(Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection, CommandRounds rounds,
			CounterProperties properties) {
		this(connection, rounds, properties, (changes) -> {
		});
	}

	/**
	 * @param callSizes told the number of changes of every script call
	 */
	public CounterStore(Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection, CommandRounds rounds,
			CounterProperties properties, IntConsumer callSizes) {
		this.connection = connection;
		this.rounds = rounds;
		this.callSizes = callSizes;
		this.maxChangesPerCall = properties.maxChangesPerCall();
		rounds.sendBatchesWith(this::sendRound);
		String script = resource("apply-batch.lua");
		this.applyScript = script.getBytes(StandardCharsets.UTF_8);
		this.applySha = sha1(script).getBytes(StandardCharsets.US_ASCII);
		this.fixedArgs = java.util.stream.LongStream
			.of(properties.batchMarkerTtl().toSeconds(), properties.idempotencyTtl().toSeconds(),
					properties.retention().minute().toSeconds(), properties.retention().hour().toSeconds(),
					properties.retention().day().toSeconds())
			.mapToObj((seconds) -> Long.toString(seconds).getBytes(StandardCharsets.US_ASCII))
			.toArray(byte[][]::new);
	}

	/**
	 * Applies the changes of one object in order, atomically and exactly once per call. The batch goes
	 * out with the next round, in one script call with the round's other batches for the same node.
	 */
	public CompletableFuture<List<ChangeResult>> apply(String objectId, List<Change> changes) {
		ObjectBatch batch = new ObjectBatch(objectId, changes);
		this.rounds.submitBatch(batch);
		return batch.result();
	}

	/**
	 * Sends a round's batches, on the rounds thread: grouped by the master node that serves each
	 * object's slot (as the connection's topology says), one script call per node and at most
	 * {@code maxChangesPerCall} changes. Batches whose node is unknown go alone.
	 */
	void sendRound(StatefulRedisClusterConnection<String, String> connection, List<ObjectBatch> batches) {
		RedisAdvancedClusterAsyncCommands<String, String> commands = connection.async();
		if (batches.size() == 1) {
			send(commands, batches, false);
			return;
		}
		Partitions partitions = connection.getPartitions();
		Map<String, List<ObjectBatch>> byNode = new HashMap<>();
		Set<String> objects = new HashSet<>();
		List<ObjectBatch> later = null;
		for (ObjectBatch batch : batches) {
			if (!objects.add(batch.objectId())) {
				// one call reads all its objects before it writes any: a second batch of the same object goes
				// in a later call (to the same node, on the same connection, so Redis runs it after this one)
				if (later == null) {
					later = new ArrayList<>();
				}
				later.add(batch);
				continue;
			}
			RedisClusterNode node = partitions.getMasterBySlot(SlotHash.getSlot(CounterKeys.counts(batch.objectId())));
			if (node == null || node.getNodeId() == null) {
				send(commands, List.of(batch), false);
				continue;
			}
			byNode.computeIfAbsent(node.getNodeId(), (id) -> new ArrayList<>()).add(batch);
		}
		for (List<ObjectBatch> group : byNode.values()) {
			int from = 0;
			int changes = 0;
			for (int i = 0; i < group.size(); i++) {
				int size = group.get(i).changes().size();
				if (i > from && changes + size > this.maxChangesPerCall) {
					send(commands, group.subList(from, i), true);
					from = i;
					changes = 0;
				}
				changes += size;
			}
			send(commands, group.subList(from, group.size()), true);
		}
		if (later != null) {
			sendRound(connection, later);
		}
	}

	/**
	 * One script call for these batches, all on one node. When the script finds a key that this node no
	 * longer serves (a slot moved since the topology was read, or is moving), it wrote nothing: a group
	 * is then sent again one object per call, each routed by its own slot; a single object answers 503.
	 */
	void send(RedisAdvancedClusterAsyncCommands<String, String> commands, List<ObjectBatch> group,
			boolean regroupable) {
		String marker = CounterKeys.batchMarker(group.getFirst().objectId(), FastIds.uuid());
		int changes = 0;
		for (ObjectBatch batch : group) {
			changes += batch.changes().size();
		}
		this.callSizes.accept(changes);
		CompletableFuture<List<Object>> reply = commands
			.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(StringCodec.UTF8), scriptArgs(this.applySha, marker, group))
			.toCompletableFuture()
			.exceptionallyCompose((ex) -> isNoScript(ex)
					? this.rounds.submit((redis) -> redis.dispatch(CommandType.EVAL, new NestedMultiOutput<>(StringCodec.UTF8),
							scriptArgs(this.applyScript, marker, group)))
					: CompletableFuture.failedFuture(ex));
		reply.whenComplete((values, failure) -> {
			if (failure != null) {
				group.forEach((batch) -> batch.result().completeExceptionally(failure));
			}
			else if (values.size() == 1 && ((Long) values.getFirst()) == NOT_LOCAL) {
				if (regroupable && group.size() > 1) {
					group.forEach((batch) -> this.rounds.submit((redis) -> {
						send(redis, List.of(batch), false);
						return batch.result();
					}));
				}
				else {
					group.forEach((batch) -> batch.result()
						.completeExceptionally(CounterProblems.unavailable(
								"The Redis slot of " + batch.objectId() + " is moving between nodes; try again.", null)));
				}
			}
			else {
				int at = 0;
				for (ObjectBatch batch : group) {
					List<ChangeResult> results = new ArrayList<>(batch.changes().size());
					for (int j = 0; j < batch.changes().size(); j++, at += 5) {
						results.add(ChangeResult.of((Long) values.get(at), (Long) values.get(at + 1),
								(Long) values.get(at + 2), (Long) values.get(at + 3), (Long) values.get(at + 4)));
					}
					batch.result().complete(results);
				}
			}
		});
	}

	/**
	 * EVALSHA (or EVAL) arguments, written straight into Lettuce's buffer: numbers as numbers, text as
	 * UTF-8 bytes. String arguments would each go through a temporary buffer of the codec (encoding them
	 * took about 6 % of the service's CPU per like).
	 */
	private CommandArgs<String, String> scriptArgs(byte[] script, String marker, List<ObjectBatch> group) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(script)
			.add(1)
			.addKey(marker);
		for (byte[] fixed : this.fixedArgs) {
			args.add(fixed);
		}
		args.add(group.size());
		for (ObjectBatch batch : group) {
			args.add(CounterKeys.counts(batch.objectId()).getBytes(StandardCharsets.UTF_8)).add(batch.changes().size());
			for (Change change : batch.changes()) {
				args.add(change.kind().bytes)
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

	public CompletableFuture<ObjectCounts> read(String objectId) {
		return redis().hgetall(CounterKeys.counts(objectId))
			.toCompletableFuture()
			.thenApply((hash) -> ObjectCounts.fromHash(objectId, hash));
	}

	/** Reads many objects; the commands go out pipelined, one per object (they live in different slots). */
	public CompletableFuture<Map<String, ObjectCounts>> readAll(Collection<? extends String> objectIds) {
		List<CompletableFuture<ObjectCounts>> reads = objectIds.stream().map(this::read).toList();
		return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply((ignored) -> {
			Map<String, ObjectCounts> all = new LinkedHashMap<>();
			reads.forEach((read) -> {
				ObjectCounts counts = read.join();
				all.put(counts.objectId(), counts);
			});
			return all;
		});
	}

	public CompletableFuture<Boolean> isLiked(String objectId, String userId) {
		return redis().sismember(CounterKeys.likers(objectId), userId).toCompletableFuture();
	}

	public CompletableFuture<Long> uniqueViewers(String objectId) {
		return redis().pfcount(CounterKeys.viewers(objectId)).toCompletableFuture();
	}

	/** The named fields of one hash (missing ones as 0). */
	public CompletableFuture<Map<String, Long>> hashFields(String key, List<String> fields) {
		return redis().hmget(key, fields.toArray(String[]::new)).toCompletableFuture().thenApply((values) -> {
			Map<String, Long> out = new LinkedHashMap<>();
			for (KeyValue<String, String> kv : values) {
				out.put(kv.getKey(), kv.hasValue() ? Long.parseLong(kv.getValue()) : 0L);
			}
			return out;
		});
	}

	/** Memory of one key as Redis reports it (MEMORY USAGE ... SAMPLES 0), for docs and tests. */
	public CompletableFuture<Long> memoryUsage(String key) {
		return redis().memoryUsage(key).toCompletableFuture();
	}

	private RedisAdvancedClusterAsyncCommands<String, String> redis() {
		return this.connection.get();
	}

	private static boolean isNoScript(Throwable ex) {
		Throwable t = ex;
		while (t != null) {
			if (t instanceof RedisNoScriptException
					|| (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"))) {
				return true;
			}
			t = t.getCause();
		}
		return false;
	}

	private static String resource(String name) {
		try {
			return new ClassPathResource(name, CounterStore.class).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha1(String text) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
