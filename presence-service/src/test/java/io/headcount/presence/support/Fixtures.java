package io.headcount.presence.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.headcount.devstack.DevStack;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** Shared values and factories of the presence tests. */
public final class Fixtures {

	/**
	 * The presence tests' settings, in one place: {@link PresenceIntegrationTest} and
	 * further instances use them.
	 */
	public static final String PROPERTIES = "classpath:presence-test.properties";

	private static final Properties settings = load();

	public static final String SECRET = settings.getProperty("headcount.security.jwt.hmac-secret");

	/** d + 2δ. */
	public static final Duration TIMEOUT = duration("headcount.presence.heartbeat-interval")
		.plus(duration("headcount.presence.delta").multipliedBy(2));

	private Fixtures() {
	}

	/** A user id no other test uses. */
	public static String user(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Spring properties for another instance of the service (same settings, devstack's
	 * servers).
	 */
	public static Map<String, String> instanceProperties() {
		Map<String, String> properties = new LinkedHashMap<>(DevStack.shared().springProperties());
		settings.stringPropertyNames().forEach((name) -> properties.put(name, settings.getProperty(name)));
		return properties;
	}

	private static Duration duration(String property) {
		return DurationStyle.detectAndParse(settings.getProperty(property));
	}

	private static Properties load() {
		try {
			return PropertiesLoaderUtils.loadProperties(new ClassPathResource("presence-test.properties"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
