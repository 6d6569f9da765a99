package io.headcount.platform.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JDK's WebSocket client, recording what arrives and how the server closed. */
final class WebSocketClient implements WebSocket.Listener {

	private static final JsonMapper json = JsonMapper.builder().build();

	final List<JsonNode> received = new CopyOnWriteArrayList<>();

	final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	volatile String closeReason;

	private final StringBuilder text = new StringBuilder();

	/** While set, the client reads nothing more: a consumer that stopped reading. */
	volatile boolean stalled;

	WebSocket socket;

	static WebSocketClient connect(String url) {
		WebSocketClient client = new WebSocketClient();
		client.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(url), client)
			.join();
		return client;
	}

	/** Reads again after {@link #stalled}. */
	void resume() {
		this.stalled = false;
		this.socket.request(Long.MAX_VALUE);
	}

	void send(String message) {
		this.socket.sendText(message, true).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.received.add(json.readTree(this.text.toString()));
			this.text.setLength(0);
		}
		if (!this.stalled) {
			webSocket.request(1);
		}
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
		this.closeCode.completeExceptionally(error);
	}

}
