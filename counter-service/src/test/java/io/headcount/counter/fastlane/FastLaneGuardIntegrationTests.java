package io.headcount.counter.fastlane;

import java.util.HashMap;
import java.util.Map;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.devstack.DevStack;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lane route that the full path would answer differently fails the application's start.
 */
class FastLaneGuardIntegrationTests {

	@Test
	void aSecurityRuleTheLaneWouldBypassFailsTheStart() {
		Map<String, Object> properties = new HashMap<>(DevStack.shared().springProperties());
		properties.put("headcount.instance-id", "counter-test-lane-guard");
		properties.put("headcount.security.jwt.hmac-secret", Api.SECRET);
		assertThatThrownBy(() -> new SpringApplicationBuilder(CounterApplication.class, ViewsNeedAScope.class)
			.properties(properties)
			.run("--server.port=0")
			.close()).hasStackTraceContaining("The fast lane disagrees with the full path")
			.hasStackTraceContaining("VIEW: the security chain asks more than an authenticated token");
	}

	/**
	 * A chain that wants a scope for counting views: the lane, which checks only the
	 * token, must not start.
	 */
	static class ViewsNeedAScope {

		@Bean
		SecurityFilterChain viewsNeedAScope(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/v1/objects/*/views")
					.hasAuthority("SCOPE_views:write")
					.anyRequest()
					.authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.build();
		}

	}

}
