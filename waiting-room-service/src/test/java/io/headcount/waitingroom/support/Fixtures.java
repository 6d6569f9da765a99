package io.headcount.waitingroom.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.headcount.devstack.DevStack;

/** The tests' settings, room ids and users. */
public final class Fixtures {

	public static final String PROPERTIES = "classpath:waiting-room-test.properties";

	private static final Properties properties = load();

	private Fixtures() {
	}

	public static String secret() {
		return properties.getProperty("headcount.security.jwt.hmac-secret");
	}

	/** A fresh room id, so that tests never share a room. */
	public static String roomId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * The settings of a further instance (a separate process): the test properties and
	 * the devstack's addresses.
	 */
	public static Map<String, String> instanceProperties() {
		Map<String, String> all = new LinkedHashMap<>();
		// rooms are map keys, which environment variables cannot name: further instances
		// find the rooms a test made in Redis
		properties.stringPropertyNames()
			.stream()
			.filter((name) -> !name.startsWith("headcount.waiting-room.rooms.")
					&& !name.equals("headcount.waiting-room.default-room"))
			.forEach((name) -> all.put(name, properties.getProperty(name)));
		all.putAll(DevStack.shared().springProperties());
		return all;
	}

	private static Properties load() {
		Properties loaded = new Properties();
		try (InputStream in = Fixtures.class.getResourceAsStream("/waiting-room-test.properties")) {
			loaded.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return loaded;
	}

}
