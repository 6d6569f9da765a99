package io.headcount.counter;

import java.util.HashMap;
import java.util.Map;

import io.headcount.devstack.DevStack;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second counter-service instance in the same JVM: its own application context, web
 * server on a random port, Redis connections, Kafka consumer group and near cache,
 * against the same devstack. Started once and shared by the tests that need two
 * instances.
 */
public final class Instances {

	private static ConfigurableApplicationContext second;

	private Instances() {
	}

	/** Properties every test instance gets (the test contexts declare the same ones). */
	public static final String[] TEST_PROPERTIES = { "headcount.security.jwt.hmac-secret=" + Api.SECRET,
			"headcount.rate-limit.enabled=false" };

	public static synchronized Api second() {
		if (second == null) {
			Map<String, Object> properties = new HashMap<>(DevStack.shared().springProperties());
			properties.put("headcount.instance-id", "counter-test-b");
			for (String p : TEST_PROPERTIES) {
				int eq = p.indexOf('=');
				properties.put(p.substring(0, eq), p.substring(eq + 1));
			}
			second = new SpringApplicationBuilder(CounterApplication.class).properties(properties)
				.run("--server.port=0"); // a command-line argument outranks
											// application.yaml's ${PORT:8082}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> second.close()));
		}
		return new Api(Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port")));
	}

}
