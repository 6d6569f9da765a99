package io.headcount.bench.presence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A load client's WebSocket: hands each complete text message to a consumer. */
final class BenchSocket implements WebSocket.Listener {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private final StringBuilder partial = new StringBuilder();

	private final Consumer<String> messages;

	private WebSocket socket;

	private BenchSocket(Consumer<String> messages) {
		this.messages = messages;
	}

	static CompletableFuture<BenchSocket> open(URI uri, String token, Consumer<String> messages) {
		BenchSocket listener = new BenchSocket(messages);
		return http.newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.buildAsync(uri, listener)
			.thenApply((ws) -> {
				listener.socket = ws;
				return listener;
			});
	}

	/** Sends one text frame; frames of one socket are sent one after another. */
	synchronized void send(String text) {
		this.socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
	}

	void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally((e) -> null);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String message = this.partial.toString();
			this.partial.setLength(0);
			this.messages.accept(message);
		}
		return null;
	}

}
