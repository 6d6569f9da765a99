package io.headcount.presence.support;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.headcount.testsupport.JsonWebSocket;
import tools.jackson.databind.JsonNode;

/**
 * A test's /ws/presence socket: the shared {@link JsonWebSocket} plus presence's messages
 * and frames.
 */
public final class TestSocket implements AutoCloseable {

	private final JsonWebSocket socket;

	private TestSocket(JsonWebSocket socket) {
		this.socket = socket;
	}

	/**
	 * Opens with the token in the Authorization header (or, when {@code queryToken} is
	 * given, in the URL).
	 */
	static TestSocket open(URI uri, String token, String queryToken) {
		JsonWebSocket.Connector connector = JsonWebSocket.to(uri);
		if (token != null) {
			connector.bearer(token);
		}
		if (queryToken != null) {
			connector.accessToken(queryToken);
		}
		return new TestSocket(connector.open());
	}

	/** Opens with {@code authorization} as the header, if any; for handshake tests. */
	public static CompletableFuture<JsonWebSocket> attempt(URI uri, String authorization) {
		JsonWebSocket.Connector connector = JsonWebSocket.to(uri);
		if (authorization != null) {
			connector.header("Authorization", authorization);
		}
		return connector.openAsync();
	}

	public static TestSocket openWithQueryToken(int port, String token) {
		return open(URI.create("ws://127.0.0.1:" + port + "/ws/presence"), null, token);
	}

	public TestSocket send(String text) {
		this.socket.send(text);
		return this;
	}

	public TestSocket subscribe(String... userIds) {
		return send("{\"type\":\"subscribe\",\"userIds\":" + PresenceClient.json.writeValueAsString(userIds) + "}");
	}

	public TestSocket status(String status) {
		return send("{\"type\":\"status\",\"status\":\"" + status + "\"}");
	}

	public List<JsonNode> frames() {
		return this.socket.frames();
	}

	public List<JsonNode> frames(Predicate<JsonNode> filter) {
		return this.socket.frames(filter);
	}

	/** The presence frames about one user, oldest first. */
	public List<JsonNode> presenceOf(String userId) {
		return frames(
				(f) -> "presence".equals(f.path("type").asString()) && userId.equals(f.path("userId").asString()));
	}

	/**
	 * Statuses of one user in the order they arrived: snapshot entries and presence
	 * frames.
	 */
	public List<String> statusesOf(String userId) {
		List<String> statuses = new ArrayList<>();
		for (JsonNode frame : frames()) {
			if ("snapshot".equals(frame.path("type").asString())) {
				for (JsonNode user : frame.path("users")) {
					if (userId.equals(user.path("userId").asString())) {
						statuses.add(user.path("status").asString());
					}
				}
			}
			else if ("presence".equals(frame.path("type").asString())
					&& userId.equals(frame.path("userId").asString())) {
				statuses.add(frame.path("status").asString());
			}
		}
		return statuses;
	}

	public boolean isClosed() {
		return this.socket.isClosed();
	}

	public Integer closeCode() {
		return this.socket.closeCode();
	}

	public String closeReason() {
		return this.socket.closeReason();
	}

	public WebSocket raw() {
		return this.socket.webSocket();
	}

	/**
	 * Drops the TCP connection without a close handshake, as a crashed or disconnected
	 * client would.
	 */
	public void abort() {
		this.socket.abort();
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
