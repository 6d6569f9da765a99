package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.presence.support.Fixtures;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceClient.Response;
import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The visitors API as the tests call it: sites configured with an admin token, sessions
 * opened anonymously as a browser would, counts read with an admin token.
 */
final class Sessions {

	static final String ADMIN = Tokens.mint(Fixtures.SECRET, "ops", Duration.ofHours(2), "admin");

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

	private Sessions() {
	}

	/** A site id no other test uses. */
	static String newSiteId(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A site with a 1 s heartbeat and a 2 s session timeout, its pages served from
	 * {@code https://shop.example}.
	 */
	static String site(int port, String name) {
		return site(port, name, 1, 2);
	}

	static String site(int port, String name, int heartbeatSeconds, int timeoutSeconds) {
		String siteId = newSiteId(name);
		Response response = configure(port, siteId, ADMIN,
				"{\"allowedOrigins\":[\"https://shop.example\"],\"heartbeatSeconds\":" + heartbeatSeconds
						+ ",\"sessionTimeoutSeconds\":" + timeoutSeconds + ",\"inactivitySeconds\":60}");
		assertThat(response.status()).as("PUT site: %s", response.body()).isEqualTo(200);
		return siteId;
	}

	static Response configure(int port, String siteId, String token, String body) {
		return PresenceClient.send(port, "PUT", "/v1/sites/" + siteId, body,
				headers("Authorization", "Bearer " + token, "Content-Type", "application/json"));
	}

	/** Opens a session as a browser would (no token); the response as it came. */
	static Response tryOpen(int port, String siteId, String object) {
		return PresenceClient.send(port, "POST",
				"/v1/sites/" + siteId + "/sessions" + ((object != null) ? "?object=" + object : ""), null,
				headers("User-Agent", BROWSER));
	}

	static String open(int port, String siteId) {
		return open(port, siteId, null);
	}

	static String open(int port, String siteId, String object) {
		Response response = tryOpen(port, siteId, object);
		assertThat(response.status()).as("open: %s", response.body()).isEqualTo(201);
		return response.json().path("sessionId").asString();
	}

	static Response heartbeat(int port, String siteId, String sessionId, String object) {
		return PresenceClient.send(port, "POST", "/v1/sites/" + siteId + "/sessions/" + sessionId + "/heartbeat"
				+ ((object != null) ? "?object=" + object : ""), null, headers("User-Agent", BROWSER));
	}

	/**
	 * What {@code navigator.sendBeacon(url, "bye")} sends: text/plain, no other header.
	 */
	static Response beacon(int port, String siteId, String sessionId) {
		return PresenceClient.send(port, "POST", "/v1/sites/" + siteId + "/sessions/" + sessionId + "/close", "bye",
				headers("Content-Type", "text/plain;charset=UTF-8", "User-Agent", BROWSER));
	}

	static Response delete(int port, String siteId, String sessionId) {
		return PresenceClient.send(port, "DELETE", "/v1/sites/" + siteId + "/sessions/" + sessionId, null,
				headers("User-Agent", BROWSER));
	}

	static JsonNode visitors(int port, String siteId, String query) {
		Response response = PresenceClient.send(port, "GET",
				"/v1/sites/" + siteId + "/visitors" + ((query != null) ? "?" + query : ""), null,
				headers("Authorization", "Bearer " + ADMIN));
		assertThat(response.status()).as("GET visitors: %s", response.body()).isEqualTo(200);
		return response.json();
	}

	static long concurrent(int port, String siteId) {
		return visitors(port, siteId, null).path("concurrent").asLong();
	}

	static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	static List<String> keysOf(io.headcount.platform.redis.RedisConnections redis, String siteId) {
		return redis.connection().sync().keys("visitors:*" + siteId + "*");
	}

}
