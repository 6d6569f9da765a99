package io.headcount.counter.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.headcount.counter.config.CounterProperties;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

import org.springframework.core.io.ClassPathResource;

/**
 * The Redis adapter: one asynchronous script call per batch of one object's changes, sent in rounds
 * ({@link CommandRounds}), and the reads. Asynchronous so that many requests share the connection's
 * pipeline instead of a thread each.
 */
public class CounterStore {

	private final Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection;

	private final CommandRounds rounds;

	private final String applyScript;

	private final String applySha;

	private final String[] fixedArgs;

	/**
	 * @param connection for reads, one command at a time
	 * @param rounds for the script calls, which go out in rounds
	 */
	public CounterStore(Supplier<RedisAdvancedClusterAsyncCommands<String, String>> connection, CommandRounds rounds,
			CounterProperties properties) {
		this.connection = connection;
		this.rounds = rounds;
		this.applyScript = resource("apply-batch.lua");
		this.applySha = sha1(this.applyScript);
		this.fixedArgs = new String[] { Long.toString(properties.batchMarkerTtl().toSeconds()),
				Long.toString(properties.idempotencyTtl().toSeconds()),
				Long.toString(properties.retention().minute().toSeconds()),
				Long.toString(properties.retention().hour().toSeconds()),
				Long.toString(properties.retention().day().toSeconds()) };
	}

	/** Applies the changes of one object in order, atomically and exactly once per call. */
	public CompletableFuture<List<ChangeResult>> apply(String objectId, List<Change> changes) {
		String[] keys = { CounterKeys.counts(objectId), CounterKeys.likers(objectId), CounterKeys.viewers(objectId),
				CounterKeys.batchMarker(objectId, FastIds.uuid()) };
		String[] args = new String[this.fixedArgs.length + 1 + changes.size() * 6];
		System.arraycopy(this.fixedArgs, 0, args, 0, this.fixedArgs.length);
		int i = this.fixedArgs.length;
		args[i++] = Integer.toString(changes.size());
		for (Change change : changes) {
			args[i++] = change.kind().code;
			args[i++] = change.field();
			args[i++] = Long.toString(change.delta());
			args[i++] = change.actor();
			args[i++] = (change.idempotencyKey() != null) ? change.idempotencyKey() : "";
			args[i++] = Long.toString(change.timeMs());
		}
		CompletableFuture<List<Long>> reply = this.rounds
			.submit((redis) -> redis.<List<Long>>evalsha(this.applySha, ScriptOutputType.MULTI, keys, args))
			.exceptionallyCompose((ex) -> isNoScript(ex)
					? this.rounds.submit((redis) -> redis.<List<Long>>eval(this.applyScript, ScriptOutputType.MULTI, keys, args))
					: CompletableFuture.failedFuture(ex));
		return reply.thenApply((values) -> {
			List<ChangeResult> results = new ArrayList<>(changes.size());
			for (int j = 0; j < values.size(); j += 5) {
				results.add(ChangeResult.of(values.get(j), values.get(j + 1), values.get(j + 2), values.get(j + 3),
						values.get(j + 4)));
			}
			return results;
		});
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
