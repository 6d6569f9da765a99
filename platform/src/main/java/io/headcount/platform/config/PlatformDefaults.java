package io.headcount.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;

import io.headcount.platform.web.StrictJson;
import tools.jackson.core.StreamReadConstraints;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence: a service's
 * {@code application.yaml}, the environment or the command line override any of them.
 * Registered in {@code META-INF/spring.factories} so that they are in place before any
 * auto-configuration condition is evaluated.
 */
class PlatformDefaults implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "headcountPlatformDefaults";

	/**
	 * Tomcat sizes each WebSocket's frame buffer from this system property, read once
	 * when its WebSocket classes load; the JVM flag is the reliable way (see the
	 * websocket package).
	 */
	static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// errors are RFC 9457 problem details
		defaults.put("spring.mvc.problemdetails.enabled", true);
		defaults.put("server.error.whitelabel.enabled", false);
		// JSON only: no service reads forms or uploads, and a multipart content type
		// with a body that is not one made MVC fail while resolving it, as a 500
		defaults.put("spring.servlet.multipart.enabled", false);
		// thousands of WebSockets and blocking Redis calls: no pool of 200 platform
		// threads
		defaults.put("spring.threads.virtual.enabled", true);
		// per-second metrics to InfluxDB 1.x, which gets its database created
		defaults.put("management.influx.metrics.export.step", "1s");
		defaults.put("management.influx.metrics.export.api-version", "v1");
		defaults.put("management.influx.metrics.export.auto-create-db", true);
		defaults.put("management.influx.metrics.export.db", "headcount");
		// probes for Kubernetes; readiness follows Redis (the system of record) but not
		// Kafka, whose outages the event buffer rides out
		defaults.put("management.endpoint.health.probes.enabled", true);
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,redis");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.show-components", "always");
		defaults.put("management.endpoint.health.show-details", "when-authorized");
		defaults.put("management.endpoint.health.roles", "SCOPE_admin");
		defaults.put("management.endpoints.web.exposure.include", "health,info,metrics");
		// no "active requests" long-task timer per observation: it added a deque insert
		// and removal to every request (docs/architecture.md, "Request cost") and no
		// dashboard reads it; http.server.requests stays
		defaults.put("management.observations.long-task-timer.enabled", false);
		// never hang a request on Redis: a failover shows as a fast 503, not a stuck
		// thread
		defaults.put("spring.data.redis.timeout", "2s");
		defaults.put("spring.data.redis.connect-timeout", "2s");
		// with the broker down, topic creation must not hold startup for Kafka's default
		// 30 s
		defaults.put("spring.kafka.admin.operation-timeout", "5s");
		defaults.put("spring.kafka.admin.close-timeout", "2s");
		// services' own producers get the event publisher's guarantees too
		defaults.put("spring.kafka.producer.acks", "all");
		defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
		defaults.put("spring.kafka.producer.properties.delivery.timeout.ms", "180000");
		return defaults;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
		}
		StreamReadConstraints.overrideDefaultStreamReadConstraints(StrictJson.constraints());
		// still in time unless Tomcat's WebSocket classes were loaded before the
		// application started
		if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
			System.setProperty(TOMCAT_WEBSOCKET_BUFFER,
					environment.getProperty("headcount.websocket.frame-buffer-size", "512"));
		}
	}

}
