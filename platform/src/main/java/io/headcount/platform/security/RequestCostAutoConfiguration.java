package io.headcount.platform.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Cuts the framework's cost per request, which is most of a cached read's CPU (figures in
 * docs/architecture.md, "Request cost"): no Spring Security observations (one per filter;
 * {@code http.server.requests} still measures every request), validated JWTs remembered
 * for a minute (never past their expiry), and no second handler lookup per request for
 * CORS.
 */
@AutoConfiguration(after = ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JwtDecoder.class)
public final class RequestCostAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * No CORS configuration (no controller declares any), stated as a bean so that Spring
	 * Security's CORS filter does not look up the request's handler a second time on
	 * every request. A service that needs CORS declares its own source.
	 */
	@Bean
	@ConditionalOnMissingBean
	CorsConfigurationSource corsConfigurationSource() {
		return new UrlBasedCorsConfigurationSource();
	}

	@Bean
	@ConditionalOnProperty(name = "headcount.security.jwt.cache-validated", havingValue = "true", matchIfMissing = true)
	static BeanPostProcessor cachingJwtDecoderPostProcessor() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
					return new CachingJwtDecoder(decoder, Duration.ofMinutes(1), 100_000, Clock.systemUTC());
				}
				return bean;
			}
		};
	}

}
