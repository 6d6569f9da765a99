package io.headcount.presence.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.headcount.devstack.DevStack;

/** Shared values and factories of the presence tests. */
public final class Fixtures {

	public static final String SECRET = "presence-test-secret-0123456789-0123456789";

	public static final String D = "1s";

	public static final String DELTA = "500ms";

	public static final String GRACE = "1s";

	/** d + 2δ. */
	public static final Duration TIMEOUT = Duration.ofMillis(2000);

	private Fixtures() {
	}

	/** A user id no other test uses. */
	public static String user(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Spring properties for another instance of the service (same timings, devstack's servers). */
	public static Map<String, String> instanceProperties() {
		Map<String, String> properties = new LinkedHashMap<>(DevStack.shared().springProperties());
		properties.put("headcount.security.jwt.hmac-secret", SECRET);
		properties.put("headcount.presence.heartbeat-interval", D);
		properties.put("headcount.presence.delta", DELTA);
		properties.put("headcount.presence.grace", GRACE);
		properties.put("headcount.presence.sweep-interval", "100ms");
		properties.put("headcount.presence.sweep-lease", "300ms");
		properties.put("headcount.rate-limit.enabled", "false");
		return properties;
	}

}
