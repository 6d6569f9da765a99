package io.headcount.waitingroom.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The waiting room's REST API for tests, as one user (or the admin) on one instance. */
public final class RoomClient {

	public static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String token;

	private RoomClient(int port, String token) {
		this.port = port;
		this.token = token;
	}

	public static RoomClient user(int port, String userId) {
		return new RoomClient(port, Tokens.mint(Fixtures.secret(), userId, Duration.ofHours(1)));
	}

	public static RoomClient admin(int port) {
		return new RoomClient(port, Tokens.mint(Fixtures.secret(), "operator", Duration.ofHours(1), "admin"));
	}

	public String token() {
		return this.token;
	}

	/** A room with these settings (capacity, shopping and heartbeat seconds). */
	public Response putRoom(String roomId, int capacity, int queue, int shoppingSeconds, int heartbeatSeconds) {
		return putRoom(roomId,
				Map.of("activeCapacity", capacity, "queueCapacity", queue, "maxShoppingSeconds", shoppingSeconds,
						"heartbeatTimeoutSeconds", heartbeatSeconds, "webshopUrl",
						"http://127.0.0.1:9/shop/" + roomId));
	}

	public Response putRoom(String roomId, Map<String, Object> body) {
		return send("PUT", "/v1/rooms/" + roomId, json.writeValueAsString(body));
	}

	public Response room(String roomId) {
		return send("GET", "/v1/rooms/" + roomId, null);
	}

	public Response join(String roomId) {
		return send("POST", "/v1/rooms/" + roomId + "/entries", null);
	}

	public Response place(String roomId) {
		return send("GET", "/v1/rooms/" + roomId + "/entries/me", null);
	}

	public Response heartbeat(String roomId) {
		return send("POST", "/v1/rooms/" + roomId + "/entries/me/heartbeat", null);
	}

	public Response leave(String roomId) {
		return send("DELETE", "/v1/rooms/" + roomId + "/entries/me", null);
	}

	public Response soldOut(String roomId) {
		return send("POST", "/v1/rooms/" + roomId + "/sold-out", null);
	}

	public Response send(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
	}

	public record Response(int status, String retryAfter, JsonNode body) {

		public Response expect(int expected) {
			if (this.status != expected) {
				throw new AssertionError("expected " + expected + ", got " + this.status + ": " + this.body);
			}
			return this;
		}

		public String state() {
			return this.body.path("state").asString();
		}

	}

}
