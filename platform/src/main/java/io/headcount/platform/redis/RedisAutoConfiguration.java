package io.headcount.platform.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Lettuce options Boot does not expose as properties. With these a client sees a Redis
 * Cluster failover in a few seconds (adaptive refresh on MOVED/ASK/reconnects, periodic
 * refresh as a safety net, failed nodes filtered out) instead of 10 s or more, and no
 * command waits longer than {@code spring.data.redis.timeout}.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
@EnableConfigurationProperties({ RedisClusterProperties.class, DataRedisProperties.class })
public final class RedisAutoConfiguration {

	/**
	 * When {@code spring.data.redis.timeout} is not set; the platform defaults set it to
	 * this too.
	 */
	static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	LettuceClientOptionsBuilderCustomizer headcountLettuceClientOptions(RedisClusterProperties cluster,
			DataRedisProperties redis) {
		Duration commandTimeout = (redis.getTimeout() != null) ? redis.getTimeout() : DEFAULT_COMMAND_TIMEOUT;
		Duration connectTimeout = (redis.getConnectTimeout() != null) ? redis.getConnectTimeout()
				: DEFAULT_COMMAND_TIMEOUT;
		return (builder) -> customize(builder, cluster, commandTimeout, connectTimeout);
	}

	static void customize(ClientOptions.Builder builder, RedisClusterProperties cluster, Duration commandTimeout,
			Duration connectTimeout) {
		// every command, including those queued while reconnecting, fails after the
		// timeout
		builder.timeoutOptions(TimeoutOptions.enabled(commandTimeout));
		// keepalive notices a peer that vanished without a FIN (a killed VM, a cut
		// network)
		builder.socketOptions(SocketOptions.builder()
			.connectTimeout(connectTimeout)
			.keepAlive(SocketOptions.KeepAliveOptions.builder()
				.enable()
				.idle(Duration.ofSeconds(5))
				.interval(Duration.ofSeconds(2))
				.count(3)
				.build())
			.build());
		if (builder instanceof ClusterClientOptions.Builder clusterBuilder) {
			clusterBuilder.topologyRefreshOptions(topologyRefresh(cluster))
				// nodes announced by CLUSTER NODES but missing from the seed list are
				// fine
				.validateClusterNodeMembership(false)
				// a failed master stays in CLUSTER NODES until forgotten: never route to
				// it
				.nodeFilter(RedisAutoConfiguration::isUsable);
		}
	}

	static ClusterTopologyRefreshOptions topologyRefresh(RedisClusterProperties cluster) {
		return ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.adaptiveRefreshTriggersTimeout(cluster.adaptiveRefreshTimeout())
			.refreshTriggersReconnectAttempts(cluster.refreshTriggersReconnectAttempts())
			.enablePeriodicRefresh(cluster.topologyRefreshPeriod())
			.dynamicRefreshSources(true)
			.closeStaleConnections(true)
			.build();
	}

	static boolean isUsable(RedisClusterNode node) {
		return !(node.is(RedisClusterNode.NodeFlag.FAIL) || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
				|| node.is(RedisClusterNode.NodeFlag.NOADDR));
	}

}
