package io.headcount.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that reads requests without a body and answers each with whatever
 * bytes the test's {@link Responder} writes, or not at all: for the responses a real
 * server rarely sends on cue (chunks split across packets, resets, silence). One virtual
 * thread per connection.
 */
final class RawHttpServer implements AutoCloseable {

	/**
	 * Answers request {@code n} (counted over all connections, from 0, in the order they
	 * arrive).
	 */
	@FunctionalInterface
	interface Responder {

		void respond(int n, Socket socket, OutputStream out) throws IOException;

	}

	private final ServerSocket server;

	private final Responder responder;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger connections = new AtomicInteger();

	private RawHttpServer(Responder responder) throws IOException {
		this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
		this.responder = responder;
		this.threads.submit(this::accept);
	}

	static RawHttpServer start(Responder responder) throws IOException {
		return new RawHttpServer(responder);
	}

	/** A response with a {@code Content-Length} body. */
	static byte[] response(int status, String body, String... headers) {
		StringBuilder http = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
		for (String header : headers) {
			http.append(header).append("\r\n");
		}
		http.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
		return ascii(http.toString());
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort() + path);
	}

	/** Requests read so far. */
	int requests() {
		return this.requests.get();
	}

	/** Connections accepted so far. */
	int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.incrementAndGet();
				this.sockets.add(socket);
				this.threads.submit(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			while (!socket.isClosed() && readHead(in)) {
				this.responder.respond(this.requests.getAndIncrement(), socket, out);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client went away, or the responder reset the connection
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	/**
	 * Reads up to the blank line that ends a request's head; false at the end of the
	 * stream.
	 */
	private static boolean readHead(InputStream in) throws IOException {
		int matched = 0;
		for (int b = in.read(); b != -1; b = in.read()) {
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			if (matched == 4) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

}
