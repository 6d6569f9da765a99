package io.headcount.counter.fastlane;

import io.headcount.counter.counters.CounterController;
import io.headcount.counter.likes.LikeController;
import io.headcount.counter.views.ViewController;
import io.headcount.platform.web.WriteRateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Puts {@link CounterFastLane} right before Spring Security's filter (after the observation filter, so
 * every request is still measured). {@code headcount.counter.fast-lane.enabled=false} sends everything
 * down the full path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "headcount.counter.fast-lane.enabled", matchIfMissing = true)
class FastLaneConfiguration {

	@Bean
	FilterRegistrationBean<CounterFastLane> counterFastLane(JwtDecoder jwtDecoder, LikeController likes,
			ViewController views, CounterController counters, ObjectProvider<WriteRateLimiter> rateLimiter,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver, JsonMapper json) {
		FilterRegistrationBean<CounterFastLane> registration = new FilterRegistrationBean<>(new CounterFastLane(
				jwtDecoder, likes, views, counters, rateLimiter.getIfAvailable(), exceptionResolver, json));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
