package io.headcount.presence.config;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubListener;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Presence's own Lettuce connections, made from the client Boot configured (with platform's cluster
 * tuning): one multiplexed command connection, used asynchronously so that concurrent callers are
 * pipelined, and one sharded pub/sub connection. Works with a Redis Cluster and a single Redis.
 */
public final class PresenceRedis implements AutoCloseable {

	private static final LettuceExceptionConverter exceptions = new LettuceExceptionConverter();

	private final StatefulConnection<String, String> connection;

	private final RedisClusterAsyncCommands<String, String> commands;

	private final StatefulRedisPubSubConnection<String, String> pubSub;

	private volatile BiConsumer<String, String> shardMessages = (channel, message) -> {
	};

	PresenceRedis(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			var c = cluster.connect(StringCodec.UTF8);
			this.connection = c;
			this.commands = c.async();
			StatefulRedisClusterPubSubConnection<String, String> p;
			try {
				p = cluster.connectPubSub(StringCodec.UTF8);
			}
			catch (RuntimeException ex) {
				c.close();
				throw ex;
			}
			p.addListener(new RedisClusterPubSubListener<>() {
				@Override
				public void message(RedisClusterNode node, String channel, String message) {
				}

				@Override
				public void message(RedisClusterNode node, String pattern, String channel, String message) {
				}

				@Override
				public void subscribed(RedisClusterNode node, String channel, long count) {
				}

				@Override
				public void psubscribed(RedisClusterNode node, String pattern, long count) {
				}

				@Override
				public void unsubscribed(RedisClusterNode node, String channel, long count) {
				}

				@Override
				public void punsubscribed(RedisClusterNode node, String pattern, long count) {
				}

				@Override
				public void smessage(RedisClusterNode node, String channel, String message) {
					PresenceRedis.this.shardMessages.accept(channel, message);
				}
			});
			this.pubSub = p;
		}
		else if (client instanceof RedisClient single) {
			var c = single.connect(StringCodec.UTF8);
			this.connection = c;
			this.commands = c.async();
			StatefulRedisPubSubConnection<String, String> p = single.connectPubSub(StringCodec.UTF8);
			p.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void smessage(String channel, String message) {
					PresenceRedis.this.shardMessages.accept(channel, message);
				}
			});
			this.pubSub = p;
		}
		else {
			throw new IllegalStateException("Unsupported Redis client " + client);
		}
	}

	/** Where messages of subscribed shard channels go (called on a Lettuce I/O thread: do not block). */
	public void onShardMessage(BiConsumer<String, String> listener) {
		this.shardMessages = listener;
	}

	public RedisClusterAsyncCommands<String, String> commands() {
		return this.commands;
	}

	public RedisPubSubAsyncCommands<String, String> pubSub() {
		return this.pubSub.async();
	}

	/** EVALSHA, falling back to EVAL once per node that has not seen the script yet. */
	public CompletableFuture<List<Object>> eval(RedisScript<?> script, String[] keys, String... args) {
		CompletableFuture<List<Object>> first = this.commands
			.<List<Object>>evalsha(script.getSha1(), ScriptOutputType.MULTI, keys, args)
			.toCompletableFuture();
		return first.handle((result, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(result);
			}
			if (unwrap(failure) instanceof RedisNoScriptException) {
				return this.commands.<List<Object>>eval(script.getScriptAsString(), ScriptOutputType.MULTI, keys, args)
					.toCompletableFuture();
			}
			return CompletableFuture.<List<Object>>failedFuture(unwrap(failure));
		}).thenCompose(f -> f);
	}

	/** Spring's exception for a Lettuce failure, so that platform's advice answers 503 for an outage. */
	public static RuntimeException translate(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof DataAccessException dae) {
			return dae;
		}
		if (cause instanceof Exception ex) {
			DataAccessException translated = exceptions.convert(ex);
			if (translated != null) {
				return translated;
			}
		}
		return (cause instanceof RuntimeException re) ? re : new IllegalStateException(cause);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable t = failure;
		while (t instanceof CompletionException && t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}

	@Override
	public void close() {
		this.pubSub.close();
		this.connection.close();
	}

}
