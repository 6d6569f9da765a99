package io.headcount.counter;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.headcount.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for one instance, with minted JWTs per user. */
public final class Api {

	public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final int port;

	public Api(int port) {
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	public static String token(String user) {
		return tokens.computeIfAbsent(user, (u) -> Tokens.mint(SECRET, u, Duration.ofHours(1)));
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public Response get(String user, String path) {
		return send(user, "GET", path, null, Map.of());
	}

	public Response put(String user, String path) {
		return send(user, "PUT", path, null, Map.of());
	}

	public Response put(String user, String path, String json, Map<String, String> headers) {
		return send(user, "PUT", path, json, headers);
	}

	public Response post(String user, String path, Map<String, String> headers) {
		return send(user, "POST", path, null, headers);
	}

	public Response delete(String user, String path) {
		return send(user, "DELETE", path, null, Map.of());
	}

	public Response send(String user, String method, String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(15))
			.header("Authorization", "Bearer " + token(user))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, HttpResponse<String> raw) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
