package io.headcount.presence.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to one instance of the service over REST and WebSocket, as one user. */
public final class PresenceClient {

	public static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String userId;

	private final String token;

	public PresenceClient(int port, String userId) {
		this(port, userId, Tokens.mint(Fixtures.SECRET, userId, Duration.ofHours(1)));
	}

	public PresenceClient(int port, String userId, String token) {
		this.port = port;
		this.userId = userId;
		this.token = token;
	}

	public String userId() {
		return this.userId;
	}

	public String token() {
		return this.token;
	}

	public int port() {
		return this.port;
	}

	public Response set(String status) {
		return send("PUT", "/v1/presence/me", "{\"status\":\"" + status + "\"}");
	}

	public Response set(String status, String deviceId) {
		return send("PUT", "/v1/presence/me", "{\"status\":\"" + status + "\",\"deviceId\":\"" + deviceId + "\"}");
	}

	public Response heartbeat(String deviceId) {
		return send("POST", "/v1/presence/me/heartbeat" + ((deviceId != null) ? "?deviceId=" + deviceId : ""), null);
	}

	public Response read(List<String> userIds) {
		return send("GET",
				"/v1/presence?userIds=" + URLEncoder.encode(String.join(",", userIds), StandardCharsets.UTF_8), null);
	}

	/** The status of {@code userId} as this client sees it. */
	public String statusOf(String userId) {
		Response response = read(List.of(userId));
		assertThat(response.status()).as("GET /v1/presence: %s", response.body()).isEqualTo(200);
		return response.json().path("users").path(0).path("status").asString();
	}

	public JsonNode viewOf(String userId) {
		Response response = read(List.of(userId));
		assertThat(response.status()).as("GET /v1/presence: %s", response.body()).isEqualTo(200);
		return response.json().path("users").path(0);
	}

	public Response send(String method, String path, String body) {
		return send(method, path, body, "Bearer " + this.token);
	}

	public Response send(String method, String path, String body, String authorization) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (body != null) {
			headers.put("Content-Type", "application/json");
		}
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		return send(this.port, method, path, body, headers);
	}

	/**
	 * Any request with exactly these headers (none added): anonymous calls, CORS, a
	 * beacon's text/plain body.
	 */
	public static Response send(int port, String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
	}

	public TestSocket connect() {
		return TestSocket.open(URI.create("ws://127.0.0.1:" + this.port + "/ws/presence"), this.token, null);
	}

	public TestSocket connect(String deviceId) {
		return TestSocket.open(URI.create("ws://127.0.0.1:" + this.port + "/ws/presence?deviceId=" + deviceId),
				this.token, null);
	}

	public record Response(int status, String body, String contentType, Map<String, List<String>> headers) {

		/** A response header, or null. */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

		public JsonNode json() {
			return PresenceClient.json.readTree(this.body);
		}

	}

}
