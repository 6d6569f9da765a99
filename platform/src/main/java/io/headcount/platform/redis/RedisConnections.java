package io.headcount.platform.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The services' own String-codec Lettuce connections to the Redis Cluster, made from the
 * client Boot configured (so they share its resources and platform's topology-refresh
 * options): one multiplexed command connection used asynchronously, so that concurrent
 * callers are pipelined; on request one connection that flushes only when told (for a
 * single thread that writes rounds of commands); one for the outbox relay; and one
 * sharded pub/sub connection. They follow the connection factory's lifecycle: a stopped
 * factory shuts its client down, so these are closed before it and made anew after (a
 * paused and resumed test context, for one). Each connection is made on first use, so an
 * application that never talks to Redis needs no cluster, and a cluster that cannot be
 * reached at startup fails the first calls (503) rather than the start; the next call
 * tries again. Ask for a connection each time you use it rather than keeping it.
 */
public final class RedisConnections implements SmartLifecycle {

	private final LettuceConnectionFactory factory;

	private volatile @Nullable StatefulRedisClusterConnection<String, String> commands;

	private volatile @Nullable StatefulRedisClusterConnection<String, String> unflushed;

	private volatile @Nullable StatefulRedisClusterPubSubConnection<String, String> pubSub;

	private volatile @Nullable StatefulRedisClusterConnection<String, String> outbox;

	private volatile boolean running = true;

	public RedisConnections(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/** Asynchronous commands on the shared, multiplexed connection. */
	public RedisAdvancedClusterAsyncCommands<String, String> async() {
		return connection().async();
	}

	/** The shared, multiplexed connection (its topology, for one), made on first use. */
	public StatefulRedisClusterConnection<String, String> connection() {
		StatefulRedisClusterConnection<String, String> c = this.commands;
		return (c != null) ? c : connect();
	}

	private synchronized StatefulRedisClusterConnection<String, String> connect() {
		requireRunning();
		StatefulRedisClusterConnection<String, String> c = this.commands;
		if (c == null) {
			c = cluster().connect(StringCodec.UTF8);
			this.commands = c;
		}
		return c;
	}

	/**
	 * A connection with auto-flush off ({@code setAutoFlushCommands(false)}), made on
	 * first use: for the one thread that writes a round of commands and then flushes
	 * once. Nothing else may use it.
	 */
	public synchronized StatefulRedisClusterConnection<String, String> unflushed() {
		requireRunning();
		StatefulRedisClusterConnection<String, String> c = this.unflushed;
		if (c == null) {
			c = cluster().connect(StringCodec.UTF8);
			c.setAutoFlushCommands(false);
			this.unflushed = c;
		}
		return c;
	}

	/**
	 * A connection only the outbox relay uses, made on first use: the relay sends
	 * {@code WAIT} on its node connections, which holds each of them until a replica
	 * answers, and nothing else must queue behind that.
	 */
	public synchronized StatefulRedisClusterConnection<String, String> outbox() {
		requireRunning();
		StatefulRedisClusterConnection<String, String> c = this.outbox;
		if (c == null) {
			c = cluster().connect(StringCodec.UTF8);
			this.outbox = c;
		}
		return c;
	}

	/** The sharded pub/sub connection, made on first use. */
	public synchronized StatefulRedisClusterPubSubConnection<String, String> pubSub() {
		requireRunning();
		StatefulRedisClusterPubSubConnection<String, String> p = this.pubSub;
		if (p == null) {
			p = cluster().connectPubSub(StringCodec.UTF8);
			this.pubSub = p;
		}
		return p;
	}

	@Override
	public synchronized void start() {
		this.factory.start();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		close(this.pubSub);
		close(this.outbox);
		close(this.unflushed);
		close(this.commands);
		this.pubSub = null;
		this.outbox = null;
		this.unflushed = null;
		this.commands = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Just after the factory: started after it, stopped before it. */
	@Override
	public int getPhase() {
		int phase = this.factory.getPhase();
		return (phase == Integer.MAX_VALUE) ? phase : phase + 1;
	}

	private RedisClusterClient cluster() {
		AbstractRedisClient client = this.factory.getRequiredNativeClient();
		if (!(client instanceof RedisClusterClient cluster)) {
			throw new IllegalStateException("Headcount needs a Redis Cluster: set spring.data.redis.cluster.nodes "
					+ "(the devstack's stack.env has SPRING_DATA_REDIS_CLUSTER_NODES)");
		}
		return cluster;
	}

	private void requireRunning() {
		if (!this.running) {
			throw new RedisUnavailableException("The Redis connections are stopped", null);
		}
	}

	private static void close(@Nullable AutoCloseable connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (Exception ex) {
				// closing a broken connection: nothing to do
			}
		}
	}

}
