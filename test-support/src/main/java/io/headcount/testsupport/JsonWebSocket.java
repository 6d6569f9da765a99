package io.headcount.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The one JSON WebSocket client of the tests and the bench, on the JDK's
 * {@link HttpClient}: assembles fragmented text messages, records each as JSON with its
 * arrival time (or hands it to a consumer, for load clients that hold thousands of
 * sockets), and remembers how the server closed. Holds no thread of its own: every socket
 * shares one {@link HttpClient}.
 */
public final class JsonWebSocket implements WebSocket.Listener, AutoCloseable {

	/** The close code recorded when the connection failed instead of closing. */
	public static final int FAILED = -1;

	/**
	 * A received message and {@link System#nanoTime()} when its last fragment arrived.
	 */
	public record Frame(long atNanos, JsonNode json) {
	}

	static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private final @Nullable List<Frame> frames;

	private final @Nullable Consumer<String> messages;

	private final StringBuilder partial = new StringBuilder();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private volatile @Nullable String closeReason;

	private volatile boolean paused;

	private volatile @Nullable WebSocket socket;

	private volatile CompletableFuture<Void> pong = CompletableFuture.completedFuture(null);

	private JsonWebSocket(@Nullable Consumer<String> messages) {
		this.messages = messages;
		this.frames = (messages != null) ? null : new CopyOnWriteArrayList<>();
	}

	/**
	 * A connection to {@code uri} ({@code ws://…}) to configure, then
	 * {@link Connector#open() open}.
	 */
	public static Connector to(URI uri) {
		return new Connector(uri);
	}

	public static Connector to(String uri) {
		return to(URI.create(uri));
	}

	/**
	 * {@code JsonWebSocket <ws-url> [message ...]}, the code of {@code ./headcount ws}:
	 * connects, sends each message, then prints every message the server sends as one
	 * line until the server closes (exit 0 on a normal close, 1 otherwise, the close code
	 * on standard error) or the process is stopped (Ctrl-C closes normally).
	 */
	public static void main(String[] args) {
		if (args.length == 0 || args[0].startsWith("-")) {
			System.err.println("usage: ./headcount ws <ws-url> [message ...]   e.g. ./headcount ws "
					+ "\"ws://127.0.0.1:8081/ws/presence?access_token=$(./headcount token alice)\" "
					+ "'{\"type\":\"subscribe\",\"userIds\":[\"bob\"]}'");
			System.exit(2);
		}
		JsonWebSocket socket;
		try {
			socket = to(args[0]).onText((message) -> {
				System.out.println(message);
				System.out.flush();
			}).open();
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			System.err.println("cannot connect to " + args[0] + ": " + cause);
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(socket::close));
		for (int i = 1; i < args.length; i++) {
			socket.send(args[i]);
		}
		int code = socket.closed().join();
		System.err.println(switch (code) {
			case FAILED -> "connection lost: " + socket.closeReason();
			case 1006 -> "connection lost (1006: closed without a close frame)";
			default -> "closed by the server: " + code + " " + socket.closeReason();
		});
		System.exit((code == WebSocket.NORMAL_CLOSURE) ? 0 : 1);
	}

	/**
	 * Sends one text message and waits until it is out. Messages of one socket go one
	 * after another (the JDK refuses a send while another is pending).
	 */
	public synchronized JsonWebSocket send(String text) {
		webSocket().sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
		return this;
	}

	/** Sends {@code value} as JSON (a record, a map, a {@link JsonNode}). */
	public JsonWebSocket sendJson(Object value) {
		return send(json.writeValueAsString(value));
	}

	/** Every message so far, oldest first. */
	public List<JsonNode> frames() {
		return frames((frame) -> true);
	}

	public List<JsonNode> frames(Predicate<JsonNode> filter) {
		return timedFrames(filter).stream().map(Frame::json).toList();
	}

	/**
	 * The messages whose {@code type} is {@code type}: Headcount's frames all name their
	 * type.
	 */
	public List<JsonNode> ofType(String type) {
		return frames(type(type));
	}

	/** The messages that match, with their arrival times. */
	public List<Frame> timedFrames(Predicate<JsonNode> filter) {
		List<Frame> all = recorded();
		List<Frame> matching = new ArrayList<>();
		for (Frame frame : all) {
			if (filter.test(frame.json())) {
				matching.add(frame);
			}
		}
		return matching;
	}

	/** The first message that matches, waiting for it at most {@code timeout}. */
	public JsonNode awaitFrame(Predicate<JsonNode> filter, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> frames(filter).stream().findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/** A filter on the {@code type} field. */
	public static Predicate<JsonNode> type(String type) {
		return (frame) -> type.equals(frame.path("type").asString());
	}

	/**
	 * Sends a ping; completes when its pong is back — that is, once the server has
	 * handled every message sent before it (or exceptionally when the ping cannot go).
	 */
	public synchronized CompletableFuture<Void> ping() {
		CompletableFuture<Void> answered = new CompletableFuture<>();
		this.pong = answered;
		webSocket().sendPing(ByteBuffer.allocate(0)).whenComplete((sent, failure) -> {
			if (failure != null) {
				answered.completeExceptionally(failure);
			}
		});
		return answered;
	}

	/** Stops reading: the server sees a consumer that does not keep up. */
	public void pause() {
		this.paused = true;
	}

	/** Reads again after {@link #pause()}. */
	public void resume() {
		this.paused = false;
		webSocket().request(1);
	}

	public boolean isClosed() {
		return this.closeCode.isDone();
	}

	/**
	 * The server's close code ({@link #FAILED} when the connection failed), or null while
	 * open.
	 */
	public @Nullable Integer closeCode() {
		return this.closeCode.getNow(null);
	}

	/** Completes with the close code when the connection ends. */
	public CompletableFuture<Integer> closed() {
		return this.closeCode;
	}

	public @Nullable String closeReason() {
		return this.closeReason;
	}

	/**
	 * The JDK socket, for what this class does not wrap (binary frames, handshake
	 * headers).
	 */
	public WebSocket webSocket() {
		WebSocket current = this.socket;
		if (current == null) {
			throw new IllegalStateException("not connected yet");
		}
		return current;
	}

	/**
	 * Drops the TCP connection without a close handshake, as a crashed or disconnected
	 * client would.
	 */
	public void abort() {
		webSocket().abort();
	}

	/**
	 * Sends a normal close and waits (briefly) until it is out; a connection already gone
	 * is fine.
	 */
	@Override
	public void close() {
		WebSocket current = this.socket;
		if (current != null && !current.isOutputClosed()) {
			current.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
				.orTimeout(5, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		webSocket.request(1);
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String message = this.partial.toString();
			this.partial.setLength(0);
			if (this.messages != null) {
				this.messages.accept(message);
			}
			else {
				recorded().add(new Frame(System.nanoTime(), json.readTree(message)));
			}
		}
		// demand one message at a time, so that pause() takes effect at the next one
		if (!this.paused) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		this.pong.complete(null);
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeReason = error.toString();
		this.closeCode.complete(FAILED);
	}

	private List<Frame> recorded() {
		List<Frame> recorded = this.frames;
		if (recorded == null) {
			throw new IllegalStateException("this socket hands its messages to a consumer and records none");
		}
		return recorded;
	}

	/** What to connect with: headers, a token, where messages go. */
	public static final class Connector {

		private URI uri;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable Consumer<String> messages;

		private Connector(URI uri) {
			this.uri = uri;
		}

		/** {@code Authorization: Bearer <token>}. */
		public Connector bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Connector header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/** The token as {@code access_token} in the URL, as browsers must send it. */
		public Connector accessToken(String token) {
			String separator = (this.uri.getQuery() == null) ? "?" : "&";
			this.uri = URI.create(this.uri + separator + "access_token=" + token);
			return this;
		}

		/**
		 * Hands each complete text message to {@code messages} instead of recording it.
		 */
		public Connector onText(Consumer<String> messages) {
			this.messages = messages;
			return this;
		}

		/** Connects, waiting at most 10 s for the handshake. */
		public JsonWebSocket open() {
			return openAsync().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		}

		/**
		 * Connects without waiting; fails with the JDK's
		 * {@code WebSocketHandshakeException} when refused.
		 */
		public CompletableFuture<JsonWebSocket> openAsync() {
			JsonWebSocket listener = new JsonWebSocket(this.messages);
			WebSocket.Builder builder = http.newWebSocketBuilder();
			this.headers.forEach(builder::header);
			return builder.buildAsync(this.uri, listener).thenApply((ignored) -> listener);
		}

	}

}
