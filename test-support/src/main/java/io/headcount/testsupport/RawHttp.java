package io.headcount.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for hostile-input tests that
 * {@code java.net.http} cannot express (broken percent-encoding, raw non-ASCII headers,
 * NUL in paths, oversized headers). One request per connection ({@code Connection:
 * close}), on 127.0.0.1 only.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private RawHttp() {
	}

	/**
	 * @param target the request target as sent, e.g. {@code /v1/presence?userIds=%zz}
	 * @param headers header lines ({@code Name: value}); a value with line feeds is sent
	 * as that header once per line (repeated headers); {@code Host},
	 * {@code Content-Length} and {@code Connection} are added
	 */
	public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1:").append(port).append("\r\n");
		headers.forEach((name, values) -> {
			for (String value : values.split("\n", -1)) {
				head.append(name).append(": ").append(value).append("\r\n");
			}
		});
		if (body.length > 0 || !method.equals("GET")) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			// read while writing: a server that answers an oversized head and closes
			// resets the connection when the rest arrives, and a reset discards what
			// was not read yet
			InputStream in = socket.getInputStream();
			CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(in), readers);
			IOException writeFailure = null;
			try {
				OutputStream out = socket.getOutputStream();
				// ISO-8859-1: each char a byte, so that tests can send raw non-ASCII
				// bytes
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// the server stopped reading and answered: its answer tells
				writeFailure = ex;
			}
			byte[] bytes;
			try {
				bytes = answer.get(TIMEOUT_MILLIS + 1000L, TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				IOException failure = new IOException("No answer", ex.getCause());
				if (writeFailure != null) {
					failure.addSuppressed(writeFailure);
				}
				throw failure;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted", ex);
			}
			catch (TimeoutException ex) {
				throw new IOException("No answer within " + TIMEOUT_MILLIS + " ms", ex);
			}
			return parse(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + target, ex);
		}
	}

	private static final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

	/**
	 * Everything until the server closes; a reset after a complete head keeps what came.
	 */
	private static byte[] readAll(InputStream in) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				all.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			if (!new String(all.toByteArray(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
				throw new UncheckedIOException(ex);
			}
		}
		return all.toByteArray();
	}

	public static Response send(int port, String method, String target, Map<String, String> headers, String body) {
		return send(port, method, target, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	private static Response parse(byte[] bytes) throws IOException {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("No complete response head: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		byte[] raw = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			raw = dechunk(raw);
		}
		return new Response(status, headers, new String(raw, StandardCharsets.UTF_8));
	}

	/**
	 * The body of a chunked answer. Chunk sizes count bytes, so this works on bytes: on
	 * the decoded text, a body with a multi-byte character (a problem detail that quotes
	 * {@code /v1/things/€}) put the next size line off by two.
	 */
	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1); // one char per
																		// byte
		int at = 0;
		while (at < text.length()) {
			int lineEnd = text.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			int from = lineEnd + 2;
			body.write(chunked, from, Math.min(chunked.length, from + size) - from);
			at = from + size + 2;
		}
		return body.toByteArray();
	}

	/**
	 * @param headers lower-cased names
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

		/** A 4xx or 5xx answered as RFC 9457 problem JSON. */
		public boolean isProblem() {
			return contentType().startsWith("application/problem+json") && this.body.contains("\"status\"");
		}

	}

}
