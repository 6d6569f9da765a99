package io.headcount.counter.fastlane;

import io.headcount.counter.counters.CounterController;
import io.headcount.counter.counters.LikeController;
import io.headcount.counter.counters.ViewController;
import io.headcount.platform.web.WriteRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts {@link CounterFastLane} first, before Spring's observation filter and Spring
 * Security's filter (it records {@code http.server.requests} itself), and
 * {@link FastLaneGuard} beside it, which fails the start when a lane route disagrees with
 * MVC's mappings or the security chain. {@code headcount.counter.fast-lane.enabled=false}
 * sends everything down the full path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "headcount.counter.fast-lane.enabled", matchIfMissing = true)
class FastLaneConfiguration {

	@Bean
	FilterRegistrationBean<CounterFastLane> counterFastLane(JwtDecoder jwtDecoder, LikeController likes,
			ViewController views, CounterController counters, ObjectProvider<WriteRateLimiter> rateLimiter,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver, JsonMapper json,
			ObjectProvider<MeterRegistry> meters, Environment environment) {
		LaneRequestMetrics metrics = new LaneRequestMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry),
				environment.getProperty("management.observations.http.server.requests.name", "http.server.requests"));
		FilterRegistrationBean<CounterFastLane> registration = new FilterRegistrationBean<>(new CounterFastLane(
				jwtDecoder, likes, views, counters, rateLimiter.getIfAvailable(), exceptionResolver, json, metrics));
		// first of all filters, before Spring's observation filter (HIGHEST_PRECEDENCE +
		// 1): the lane records http.server.requests itself, for less
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FastLaneGuard fastLaneGuard(BeanFactory beans) {
		return new FastLaneGuard(
				() -> beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
				() -> beans.getBean("springSecurityFilterChain", FilterChainProxy.class));
	}

}
