package io.headcount.platform.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code headcount.redis.*}: how quickly the client notices a changed cluster topology.
 *
 * @param topologyRefreshPeriod periodic refresh, the safety net when no adaptive trigger
 * fires
 * @param adaptiveRefreshTimeout minimum time between two adaptive (event-triggered)
 * refreshes; Lettuce's default of 30 s can make the client miss the promotion that
 * follows the first trigger of a failover
 * @param refreshTriggersReconnectAttempts reconnect attempts to a node before a refresh
 * is triggered
 */
@ConfigurationProperties("headcount.redis")
public record RedisClusterProperties(@DefaultValue("10s") Duration topologyRefreshPeriod,
		@DefaultValue("2s") Duration adaptiveRefreshTimeout, @DefaultValue("2") int refreshTriggersReconnectAttempts) {

}
