package io.headcount.presence.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/** A test's WebSocket: collects every frame and the close code and reason. */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private volatile String closeReason;

	private WebSocket socket;

	/** Opens with the token in the Authorization header (or, when {@code queryToken} is given, in the URL). */
	static TestSocket open(URI uri, String token, String queryToken) {
		TestSocket listener = new TestSocket();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		URI target = (queryToken != null) ? URI.create(uri + (uri.getQuery() == null ? "?" : "&") + "access_token=" + queryToken)
				: uri;
		listener.socket = builder.buildAsync(target, listener).orTimeout(10, TimeUnit.SECONDS).join();
		return listener;
	}

	/** Opens without the Authorization header; for handshake tests. */
	public static CompletableFuture<WebSocket> attempt(URI uri, String authorization) {
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder.buildAsync(uri, new TestSocket());
	}

	public static TestSocket openWithQueryToken(int port, String token) {
		return open(URI.create("ws://127.0.0.1:" + port + "/ws/presence"), null, token);
	}

	public TestSocket send(String text) {
		this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	public TestSocket subscribe(String... userIds) {
		return send("{\"type\":\"subscribe\",\"userIds\":" + PresenceClient.json.writeValueAsString(userIds) + "}");
	}

	public TestSocket status(String status) {
		return send("{\"type\":\"status\",\"status\":\"" + status + "\"}");
	}

	public List<JsonNode> frames() {
		return List.copyOf(this.frames);
	}

	public List<JsonNode> frames(Predicate<JsonNode> filter) {
		return this.frames.stream().filter(filter).toList();
	}

	/** The presence frames about one user, oldest first. */
	public List<JsonNode> presenceOf(String userId) {
		return frames((f) -> "presence".equals(f.path("type").asString()) && userId.equals(f.path("userId").asString()));
	}

	/** Statuses of one user in the order they arrived: snapshot entries and presence frames. */
	public List<String> statusesOf(String userId) {
		List<String> statuses = new java.util.ArrayList<>();
		for (JsonNode frame : this.frames) {
			if ("snapshot".equals(frame.path("type").asString())) {
				for (JsonNode user : frame.path("users")) {
					if (userId.equals(user.path("userId").asString())) {
						statuses.add(user.path("status").asString());
					}
				}
			}
			else if ("presence".equals(frame.path("type").asString()) && userId.equals(frame.path("userId").asString())) {
				statuses.add(frame.path("status").asString());
			}
		}
		return statuses;
	}

	public boolean isClosed() {
		return this.closeCode.isDone();
	}

	public Integer closeCode() {
		return this.closeCode.getNow(null);
	}

	public String closeReason() {
		return this.closeReason;
	}

	public WebSocket raw() {
		return this.socket;
	}

	/** Drops the TCP connection without a close handshake, as a crashed or disconnected client would. */
	public void abort() {
		this.socket.abort();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally((e) -> null).join();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(PresenceClient.json.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.complete(-1);
	}

}
