package io.headcount.counter.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.headcount.counter.Api;
import tools.jackson.databind.JsonNode;

/** A JDK WebSocket client that records every frame with its arrival time. */
final class LiveClient implements WebSocket.Listener, AutoCloseable {

	record Frame(long atNanos, JsonNode json) {
	}

	final List<Frame> frames = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	LiveClient(int port, String user) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/counters?access_token=" + Api.token(user)), this)
			.join();
	}

	void send(String json) {
		this.socket.sendText(json, true).join();
	}

	List<JsonNode> ofType(String type) {
		return this.frames.stream().map(Frame::json).filter((j) -> type.equals(j.path("type").asString())).toList();
	}

	List<Frame> counts(String objectId) {
		return this.frames.stream()
			.filter((f) -> "counts".equals(f.json().path("type").asString())
					&& objectId.equals(f.json().path("objectId").asString()))
			.toList();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(new Frame(System.nanoTime(), Api.JSON.readTree(this.partial.toString())));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

}
