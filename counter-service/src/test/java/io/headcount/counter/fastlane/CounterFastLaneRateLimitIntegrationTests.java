package io.headcount.counter.fastlane;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.devstack.DevStack;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes through the fast lane spend the same per-user budget as writes down the full
 * path: one user, one token bucket, whichever path serves the request (statistics events
 * included: one token per request, however many events it carries).
 */
class CounterFastLaneRateLimitIntegrationTests {

	@Test
	void writesThroughTheLaneAndTheFullPathShareOneRateLimit() {
		Map<String, Object> properties = new HashMap<>(DevStack.shared().springProperties());
		properties.put("headcount.instance-id", "counter-test-rate-limit");
		properties.put("headcount.security.jwt.hmac-secret", Api.SECRET);
		properties.put("headcount.rate-limit.writes-per-second", "0.1");
		properties.put("headcount.rate-limit.burst", "2");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CounterApplication.class)
			.properties(properties)
			.run("--server.port=0")) { // a command-line argument outranks
										// application.yaml's ${PORT:8082}
			Api api = new Api(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
			String user = "limited-" + UUID.randomUUID();
			String likes = "/v1/objects/" + "rl-" + UUID.randomUUID() + "/likes/me";
			assertThat(api.put(user, likes).status()).isEqualTo(200);
			assertThat(api.put(user, likes + "?via=chain").status()).isEqualTo(200);

			Api.Response limited = api.put(user, likes);
			assertThat(limited.status()).as("%s", limited).isEqualTo(429);
			assertThat(limited.contentType()).startsWith("application/problem+json");
			assertThat(limited.header("Retry-After")).isNotNull();
			assertThat(api.put(user, likes + "?via=chain").status()).isEqualTo(429);
			Api.Response event = api.send(user, "POST", "/v1/objects/rl-" + UUID.randomUUID() + "/events",
					"{\"type\":\"visit\"}", Map.of());
			assertThat(event.status()).as("statistics events spend the same budget: %s", event).isEqualTo(429);
			assertThat(api.get(user, likes).status()).as("reads are not limited").isEqualTo(200);
			assertThat(api.put("someone-else-" + UUID.randomUUID(), likes).status()).isEqualTo(200);
		}
	}

}
