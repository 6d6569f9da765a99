package io.headcount.platform.web;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.apache.catalina.core.StandardHost;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for every error (replacing Boot's own handler, which backs off when a
 * {@link ResponseEntityExceptionHandler} exists) and the write rate limit.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RateLimitProperties.class)
public final class WebAutoConfiguration {

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(
			@Value("${headcount.web.unavailable-retry-after:2s}") Duration unavailableRetryAfter) {
		return new ProblemDetailsAdvice(unavailableRetryAfter);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "headcount.rate-limit.enabled", matchIfMissing = true)
	WriteRateLimiter writeRateLimiter(RateLimitProperties properties, ObjectProvider<MeterRegistry> registry) {
		return new WriteRateLimiter(properties, registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	/** Right after Spring Security's filter, so that the user is known. */
	@Bean
	@ConditionalOnBooleanProperty(name = "headcount.rate-limit.enabled", matchIfMissing = true)
	FilterRegistrationBean<WriteRateLimitFilter> writeRateLimitFilter(WriteRateLimiter limiter,
			ObjectProvider<WriteRateKeys> keys) {
		FilterRegistrationBean<WriteRateLimitFilter> registration = new FilterRegistrationBean<>(
				new WriteRateLimitFilter(limiter, keys.getIfAvailable(() -> (request) -> null)));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

	/** First of all filters: nothing else reads a query string no one could parse. */
	@Bean
	FilterRegistrationBean<RequestShapeFilter> requestShapeFilter(
			@Value("${headcount.web.max-query-length:${server.max-http-request-header-size:8KB}}") DataSize maxQueryLength,
			@Value("${headcount.web.max-body-size:1MB}") DataSize maxBodySize) {
		// by default as long as Tomcat lets a request head be: counter-service's batch
		// reads put 500 object ids in the query string (48 KB heads there)
		FilterRegistrationBean<RequestShapeFilter> registration = new FilterRegistrationBean<>(
				new RequestShapeFilter(maxQueryLength.toBytes(), maxBodySize.toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Right after the request-shape filter: every answer below it that sets an error
	 * status without a body gets a problem detail.
	 */
	@Bean
	FilterRegistrationBean<ErrorBodyFilter> errorBodyFilter() {
		FilterRegistrationBean<ErrorBodyFilter> registration = new FilterRegistrationBean<>(new ErrorBodyFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** Boot's {@code BasicErrorController} backs off for this one. */
	@Bean
	ErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	/** Tomcat's own error pages (below Spring) as problem details too. */
	@Bean
	WebServerFactoryCustomizer<TomcatWebServerFactory> problemErrorReportValve() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	/**
	 * Strict JSON bodies and frames: a number where a number is meant (no fraction for an
	 * integer, no string), a string where a string is meant (no number), no empty string
	 * for a number or a boolean.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::configure;
	}

}
