package io.headcount.presence.subscriptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.headcount.platform.redis.RedisConnections;
import io.headcount.presence.status.PresenceShards;
import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceStore;
import io.headcount.presence.status.PresenceView;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This instance's interest in users: which local connections watch whom. The presence
 * script publishes each public change on the user's shard channel ({@code SPUBLISH},
 * Redis 7 sharded pub/sub); this hub holds one {@code SSUBSCRIBE} per user watched by at
 * least one local connection, whichever instance made the change, and hands each message
 * to the watching connections.
 */
@Component
class SubscriptionHub {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionHub.class);

	private final RedisConnections redis;

	private final RedisClusterPubSubAdapter<String, String> listener = new RedisClusterPubSubAdapter<>() {

		@Override
		public void smessage(RedisClusterNode node, String channel, String message) {
			onMessage(channel, message);
		}

	};

	/**
	 * The pub/sub connection the listener is on: the connections are made anew after a
	 * restart.
	 */
	private @Nullable StatefulRedisClusterPubSubConnection<String, String> listening;

	private final PresenceShards shards;

	private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();

	SubscriptionHub(RedisConnections redis, PresenceStore store) {
		this.redis = redis;
		this.shards = store.shards();
	}

	private synchronized RedisPubSubAsyncCommands<String, String> pubSub() {
		StatefulRedisClusterPubSubConnection<String, String> connection = this.redis.pubSub();
		if (connection != this.listening) {
			connection.addListener(this.listener);
			this.listening = connection;
		}
		return connection.async();
	}

	/**
	 * Adds the connection as a watcher; completes when Redis confirmed every
	 * subscription.
	 */
	CompletableFuture<Void> watch(Watcher watcher, Collection<String> userIds) {
		List<CompletableFuture<Void>> confirmations = new ArrayList<>(userIds.size());
		for (String userId : userIds) {
			Watch watch = this.watches.compute(userId, (id, existing) -> {
				Watch w = existing;
				if (w == null) {
					// issued inside compute so that subscribe and unsubscribe of one
					// channel keep their order
					w = new Watch(pubSub().ssubscribe(this.shards.channel(id)).toCompletableFuture());
				}
				w.watchers.add(watcher);
				return w;
			});
			// a failed SSUBSCRIBE is forgotten, so that the next subscribe for this user
			// tries again
			watch.subscribed.whenComplete((done, failure) -> {
				if (failure != null) {
					this.watches.remove(userId, watch);
				}
			});
			confirmations.add(watch.subscribed);
		}
		return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
	}

	void unwatch(Watcher watcher, Collection<String> userIds) {
		for (String userId : userIds) {
			this.watches.computeIfPresent(userId, (id, watch) -> {
				watch.watchers.remove(watcher);
				if (!watch.watchers.isEmpty()) {
					return watch;
				}
				pubSub().sunsubscribe(this.shards.channel(id));
				return null;
			});
		}
	}

	/** Users with at least one local watcher. */
	int watchedUsers() {
		return this.watches.size();
	}

	/**
	 * A shard message "seq,status,publicLastActiveAt" on channel
	 * presence:{p<i>}:ch:<userId>.
	 */
	private void onMessage(String channel, String message) {
		String userId = PresenceShards.userOfChannel(channel);
		Watch watch = (userId != null) ? this.watches.get(userId) : null;
		if (watch == null) {
			return;
		}
		try {
			int first = message.indexOf(',');
			int second = message.indexOf(',', first + 1);
			long seq = Long.parseLong(message, 0, first, 10);
			PresenceStatus status = PresenceStatus.of(message.substring(first + 1, second));
			long lastActive = Long.parseLong(message, second + 1, message.length(), 10);
			PresenceView view = new PresenceView(userId, status,
					(lastActive > 0) ? Instant.ofEpochMilli(lastActive) : null, seq);
			for (Watcher watcher : watch.watchers) {
				watcher.changed(view);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring malformed presence message '{}' on {}", message, channel, ex);
		}
	}

	/** Something that wants a user's public changes. */
	interface Watcher {

		/** Called on a Lettuce I/O thread: must not block. */
		void changed(PresenceView view);

	}

	private static final class Watch {

		final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

		final CompletableFuture<Void> subscribed;

		Watch(CompletableFuture<Void> subscribed) {
			this.subscribed = subscribed;
		}

	}

}
