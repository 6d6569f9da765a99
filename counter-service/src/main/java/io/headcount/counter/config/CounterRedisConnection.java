package io.headcount.counter.config;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The counter store's own String-codec connection, made from Boot's Lettuce cluster client (so it
 * shares the client's resources and platform's topology-refresh options). It follows the factory's
 * lifecycle: a stopped factory shuts its client down, so this connection is closed before and made
 * anew after (a paused and resumed test context, for one).
 */
public final class CounterRedisConnection implements SmartLifecycle {

	private final LettuceConnectionFactory factory;

	private volatile StatefulRedisClusterConnection<String, String> connection;

	private volatile StatefulRedisClusterConnection<String, String> rounds;

	CounterRedisConnection(LettuceConnectionFactory factory) {
		this.factory = factory;
		start();
	}

	public RedisAdvancedClusterAsyncCommands<String, String> async() {
		StatefulRedisClusterConnection<String, String> c = this.connection;
		if (c == null) {
			throw new IllegalStateException("The counter store's Redis connection is stopped");
		}
		return c.async();
	}

	/**
	 * A second connection that flushes only when asked ({@code setAutoFlushCommands(false)}), for the one
	 * thread of {@link io.headcount.counter.counters.CommandRounds}; nothing else may use it.
	 */
	public StatefulRedisClusterConnection<String, String> rounds() {
		StatefulRedisClusterConnection<String, String> c = this.rounds;
		if (c == null) {
			throw new IllegalStateException("The counter store's Redis connection is stopped");
		}
		return c;
	}

	@Override
	public synchronized void start() {
		if (this.connection != null) {
			return;
		}
		this.factory.start();
		AbstractRedisClient client = this.factory.getRequiredNativeClient();
		if (!(client instanceof RedisClusterClient cluster)) {
			throw new IllegalStateException("counter-service needs a Redis Cluster: set spring.data.redis.cluster.nodes "
					+ "(the devstack's stack.env has SPRING_DATA_REDIS_CLUSTER_NODES)");
		}
		this.connection = cluster.connect(StringCodec.UTF8);
		StatefulRedisClusterConnection<String, String> rounds = cluster.connect(StringCodec.UTF8);
		rounds.setAutoFlushCommands(false);
		this.rounds = rounds;
	}

	@Override
	public synchronized void stop() {
		StatefulRedisClusterConnection<String, String> c = this.connection;
		StatefulRedisClusterConnection<String, String> r = this.rounds;
		this.connection = null;
		this.rounds = null;
		if (c != null) {
			c.close();
		}
		if (r != null) {
			r.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.connection != null;
	}

	/** Just after the factory: started after it, stopped before it. */
	@Override
	public int getPhase() {
		int phase = this.factory.getPhase();
		return (phase == Integer.MAX_VALUE) ? phase : phase + 1;
	}

}
