package io.headcount.presence.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Presence properties and the Lettuce connections made from Boot's (platform-tuned) client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
@EnableScheduling
class PresenceConfiguration {

	@Bean(destroyMethod = "close")
	PresenceRedis presenceRedis(LettuceConnectionFactory factory) {
		return new PresenceRedis(factory.getRequiredNativeClient());
	}

}
