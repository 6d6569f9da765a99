package io.headcount.platform.redis;

import io.lettuce.core.cluster.RedisClusterClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The one asynchronous way to Redis ({@link RedisCalls}) and the services' own
 * connections ({@link RedisConnections}), after Boot made its Lettuce connection factory.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(RedisClusterClient.class)
@EnableConfigurationProperties(DataRedisProperties.class)
public final class RedisCallsAutoConfiguration {

	/** One timeout for every wait on Redis: {@code spring.data.redis.timeout}. */
	@Bean
	@ConditionalOnMissingBean
	RedisCalls redisCalls(DataRedisProperties redis) {
		return new RedisCalls(
				(redis.getTimeout() != null) ? redis.getTimeout() : RedisAutoConfiguration.DEFAULT_COMMAND_TIMEOUT);
	}

	@Bean
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@ConditionalOnMissingBean
	RedisConnections redisConnections(LettuceConnectionFactory factory) {
		return new RedisConnections(factory);
	}

}
