package io.headcount.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny RESP2 client for the few commands devstack itself needs (PING, CLUSTER
 * INFO/NODES, INFO), so that its main scope does not pull a Redis client library onto
 * every service's test classpath.
 */
final class Resp implements AutoCloseable {

	/** An error reply ({@code -ERR ...}, {@code -MOVED ...}). */
	static final class ErrorReply extends IOException {

		ErrorReply(String message) {
			super(message);
		}

	}

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private Resp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	static Resp connect(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			return new Resp(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** One command on a fresh connection; for the occasional check, not for load. */
	static Object send(int port, String... command) throws IOException {
		try (Resp resp = connect(port)) {
			return resp.call(command);
		}
	}

	/**
	 * Sends one command and returns its reply: {@link String} for simple and bulk
	 * strings, {@link Long}, {@link List} or {@code null}. Error replies throw
	 * {@link ErrorReply}.
	 */
	Object call(String... command) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
		for (String argument : command) {
			byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
			request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			request.writeBytes(bytes);
			request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		this.out.write(request.toByteArray());
		this.out.flush();
		return read();
	}

	private Object read() throws IOException {
		int type = this.in.read();
		if (type == -1) {
			throw new EOFException("Connection closed by Redis");
		}
		String line = readLine();
		return switch (type) {
			case '+' -> line;
			case '-' -> throw new ErrorReply(line);
			case ':' -> Long.parseLong(line);
			case '$' -> readBulk(Integer.parseInt(line));
			case '*' -> readArray(Integer.parseInt(line));
			default -> throw new IOException("Unexpected RESP type '" + (char) type + "'");
		};
	}

	private String readBulk(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("Connection closed by Redis");
		}
		readLine();
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private List<Object> readArray(int size) throws IOException {
		if (size < 0) {
			return null;
		}
		List<Object> items = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			items.add(read());
		}
		return items;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = this.in.read();
			if (next == -1) {
				throw new EOFException("Connection closed by Redis");
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
