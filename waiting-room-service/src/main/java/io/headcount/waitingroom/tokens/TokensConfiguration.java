package io.headcount.waitingroom.tokens;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admission token signer, from the configured keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokensConfiguration {

	@Bean
	AdmissionTokens admissionTokens(TokenProperties properties, Clock clock) {
		return new AdmissionTokens(properties, clock);
	}

}
