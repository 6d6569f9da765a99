package io.headcount.testsupport;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.headcount.testsupport.HostileHttp.Outcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * {@link HostileHttp}'s WebSocket half: generated connections to a JSON WebSocket
 * endpoint (odd tokens and handshake queries) that send one to three generated frames —
 * the endpoint's own valid frames, or them with wrong types, fractions, edge numbers,
 * unknown or duplicate fields, nulls, other JSON kinds, deep nesting, truncation, NUL
 * characters, a size over the frame limit, or as fragments, binary frames or pings — and
 * then close. The server must answer the handshake below 500, close only with a
 * documented code (never 1011, never by dropping the connection), and name no internals
 * in a close reason or error frame.
 */
public final class HostileFrames {

	/**
	 * The close codes a frame may earn (docs/limits.md); 1000 is the server's answer to
	 * the client's own close.
	 */
	public static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1000, 1003, 1007, 1008, 1009);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private HostileFrames() {
	}

	enum Kind {

		TEXT, FRAGMENTED, BINARY, PING

	}

	/** One frame to send. */
	public record Frame(Kind kind, String text) {

		@Override
		public String toString() {
			return this.kind + " " + HostileHttp.abbreviate(this.text, 120);
		}

	}

	/** One generated connection: its handshake and the frames it sends. */
	public record Case(String authorization, String query, List<Frame> frames) {

		String describe() {
			return "handshake [" + HostileHttp.abbreviate(this.authorization, 40) + "] query ["
					+ HostileHttp.abbreviate(this.query, 80) + "] frames " + this.frames;
		}

	}

	/**
	 * What one worker fuzzes.
	 *
	 * @param uri the endpoint, {@code ws://…}, without a query
	 * @param validFrames frames the endpoint understands, to send as they are and to
	 * mutate
	 * @param queries handshake queries ({@code ""} for none; {@code access_token=…} to
	 * send a token the browser way)
	 */
	public record Socket(URI uri, List<String> validFrames, Arbitrary<String> authorizations, List<String> queries) {
	}

	/** Generated connections for one endpoint. */
	public static Arbitrary<Case> cases(Socket socket) {
		// the JDK refuses header values with line breaks or control characters
		Arbitrary<String> authorization = socket.authorizations()
			.filter((value) -> value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f));
		Arbitrary<String> query = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
				Tuple.of(1, Arbitraries.of(socket.queries())));
		return Combinators.combine(authorization, query, frame(socket.validFrames()).list().ofMinSize(1).ofMaxSize(3))
			.as(Case::new);
	}

	static Arbitrary<Frame> frame(List<String> valid) {
		Arbitrary<String> text = Combinators
			.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 29),
					Arbitraries.longs())
			.as((frame, which, kind, seed) -> text(frame, which, kind, seed));
		return Combinators
			.combine(Arbitraries.frequency(Tuple.of(14, Kind.TEXT), Tuple.of(3, Kind.FRAGMENTED),
					Tuple.of(1, Kind.BINARY), Tuple.of(1, Kind.PING)), text)
			.as(Frame::new);
	}

	/**
	 * A valid frame, one of HostileHttp's body variants of it, or a frame-only variant.
	 */
	static String text(String valid, int which, int kind, long seed) {
		if (kind < HostileHttp.BODY_KINDS) {
			return HostileHttp.body(valid, kind, seed);
		}
		Random random = new Random(seed);
		String type = valid.replaceFirst("(?s).*\"type\"\\s*:\\s*\"([^\"]*)\".*", "$1");
		return switch (kind - HostileHttp.BODY_KINDS) {
			case 0 -> "{\"type\":\"brew\"}";
			case 1 -> "{\"type\":null," + valid.substring(1).replaceFirst("\"type\"\\s*:\\s*\"[^\"]*\",?", "");
			case 2 -> valid.replaceFirst("\"type\"\\s*:\\s*\"[^\"]*\"", "\"type\":7");
			case 3 -> valid.replaceFirst("\\[[^\\]]*\\]",
					java.util.stream.IntStream.range(0, 2000)
						.mapToObj((n) -> "\"u" + n + "\"")
						.collect(java.util.stream.Collectors.joining(",", "[", "]")));
			case 4 -> valid.replaceFirst("\\[[^\\]]*\\]",
					java.util.regex.Matcher.quoteReplacement("[\"a\\u0000b\",\"\\u0001\",\"\",\" \",null,7,[],{}]"));
			case 5 -> "{\"type\":\"" + type + "\",\"id\":\"" + "i".repeat(65 + random.nextInt(100)) + "\"}";
			case 6 -> valid.replaceFirst("\\[[^\\]]*\\]", "\"not-a-list\"");
			case 7 -> "{\"type\":\"" + type.toUpperCase(java.util.Locale.ROOT) + "\"}";
			case 8 -> " \t\r\n";
			default -> "{\"type\":\"" + type + "\"," + "\"x\":[".repeat(20) + "]".repeat(20) + "}";
		};
	}

	/**
	 * Opens {@code cases} generated connections from {@code workers} threads, each with
	 * its own {@link Socket}, and records every violation: a handshake answered 5xx or
	 * not at all, a close with an undocumented code (1011, a dropped connection), and a
	 * close reason or error frame that names internals. Stops early after 20 violations.
	 */
	public static Outcome run(String name, int cases, int workers, IntFunction<Socket> sockets) {
		return HostileHttp.inParallel(name, cases, workers, sockets, HostileFrames::work);
	}

	private static void work(Socket socket, int cases, Map<String, Integer> answers, List<String> violations,
			AtomicBoolean stop) {
		Iterator<Case> samples = HostileHttp.samples(cases(socket));
		for (int i = 0; i < cases && !stop.get(); i++) {
			Case hostile = HostileHttp.next(samples);
			String answer = play(socket.uri(), hostile, violations, stop);
			answers.merge(answer, 1, Integer::sum);
		}
	}

	/** Plays one case; returns its answer ("ws 1003", "handshake 401"). */
	private static String play(URI endpoint, Case hostile, List<String> violations, AtomicBoolean stop) {
		URI uri = URI.create(endpoint + (hostile.query().isEmpty() ? "" : "?" + hostile.query()));
		JsonWebSocket.Connector connector = JsonWebSocket.to(uri);
		if (!hostile.authorization().isEmpty()) {
			connector.header("Authorization", hostile.authorization());
		}
		JsonWebSocket socket;
		try {
			socket = connector.openAsync().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				int status = refused.getResponse().statusCode();
				if (status >= 500) {
					HostileHttp.violate(violations, stop, "handshake " + status + " for " + hostile.describe());
				}
				return "handshake " + status;
			}
			HostileHttp.violate(violations, stop,
					"no handshake answer (" + ex.getCause() + ") for " + hostile.describe());
			return "handshake failed";
		}
		try {
			for (Frame frame : hostile.frames()) {
				if (socket.isClosed()) {
					break;
				}
				send(socket, frame);
				// the pong (or the close) says the server has handled the frame: the
				// next goes only to a server that kept the connection open
				java.util.concurrent.CompletableFuture.anyOf(socket.ping(), socket.closed())
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			// the server closed while a frame was on its way: its close code says why
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		socket.close();
		int code;
		try {
			code = socket.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			socket.abort();
			HostileHttp.violate(violations, stop, "no close within " + TIMEOUT + " for " + hostile.describe());
			return "ws no close";
		}
		if (!DOCUMENTED_CLOSES.contains(code)) {
			HostileHttp.violate(violations, stop,
					"close " + code + " (" + socket.closeReason() + ") for " + hostile.describe());
		}
		String leak = HostileHttp.leak(socket.closeReason());
		if (leak == null) {
			leak = socket.frames()
				.stream()
				.map(Object::toString)
				.map(HostileHttp::leak)
				.filter((word) -> word != null)
				.findFirst()
				.orElse(null);
		}
		if (leak != null) {
			HostileHttp.violate(violations, stop, "names '" + leak + "' (close " + code + " " + socket.closeReason()
					+ ", frames " + socket.frames() + ") for " + hostile.describe());
		}
		return "ws " + code;
	}

	private static void send(JsonWebSocket socket, Frame frame) {
		var raw = socket.webSocket();
		switch (frame.kind()) {
			case TEXT -> socket.send(frame.text());
			case BINARY -> join(raw.sendBinary(ByteBuffer.wrap(frame.text().getBytes(StandardCharsets.UTF_8)), true));
			case PING -> {
				byte[] payload = frame.text().getBytes(StandardCharsets.UTF_8);
				join(raw.sendPing(ByteBuffer.wrap(payload, 0, Math.min(125, payload.length))));
			}
			case FRAGMENTED -> {
				String text = frame.text();
				int parts = 1 + Math.min(5, text.length() / 2);
				int size = Math.max(1, text.length() / parts);
				for (int at = 0; at < text.length() || at == 0; at += size) {
					boolean last = at + size >= text.length();
					join(raw.sendText(text.substring(at, Math.min(text.length(), at + size)), last));
					if (last) {
						break;
					}
				}
			}
		}
	}

	private static void join(java.util.concurrent.CompletableFuture<?> sent) {
		sent.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

}
