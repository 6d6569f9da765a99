package io.headcount.presence.config;

import java.time.Duration;

import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Presence properties and the Lettuce connections made from Boot's (platform-tuned) client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PresenceConfiguration.class);

	/** Retries for a while: a busy or failing-over cluster must not stop the service from starting. */
	@Bean(destroyMethod = "close")
	PresenceRedis presenceRedis(LettuceConnectionFactory factory) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (int attempt = 1;; attempt++) {
			try {
				return new PresenceRedis(factory.getRequiredNativeClient());
			}
			catch (RedisException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				logger.warn("Connecting presence to Redis failed (attempt {}), retrying: {}", attempt, ex.getMessage());
				Thread.sleep(Math.min(5000, 250L * attempt));
			}
		}
	}

}
