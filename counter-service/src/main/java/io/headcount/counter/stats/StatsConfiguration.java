package io.headcount.counter.stats;

import io.headcount.counter.counters.CounterProperties;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events' body limit, on the objects' paths (a servlet pattern has no inner *), after
 * Spring Security's filter and the write rate limit: a refused token or an exhausted
 * budget is answered as on every other write.
 */
@Configuration(proxyBeanMethods = false)
class StatsConfiguration {

	@Bean
	FilterRegistrationBean<EventBodyLimit> eventBodyLimit(CounterProperties properties) {
		FilterRegistrationBean<EventBodyLimit> registration = new FilterRegistrationBean<>(
				new EventBodyLimit(properties.events().maxBody().toBytes()));
		registration.addUrlPatterns("/v1/objects/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
		return registration;
	}

}
