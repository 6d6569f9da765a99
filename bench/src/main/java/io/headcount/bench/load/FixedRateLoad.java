package io.headcount.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Sends HTTP/1.1 requests at a fixed rate whatever the responses do (an open model, as
 * wrk2 would; wrk2 is not available here) and measures each latency from the moment the
 * request was <em>due</em>, so a stall shows up in every request it delays instead of
 * hiding behind the few that were in flight (no coordinated omission).
 *
 * <p>
 * Lean on purpose: it runs in the runner's JVM and shares the machine's two cores with
 * the server it measures, so every microsecond it spends per request ends up in the
 * server's tail. One thread, one {@link Selector}, non-blocking keep-alive connections,
 * every request encoded before the start and every response parsed in place by
 * {@link ResponseParser}, the body skipped. Request {@code i} is due at
 * {@code start + i / rate}. When due it goes out on an idle connection, else on a new one
 * (up to {@value #MAX_CONNECTIONS}), else it waits for the first connection to free up,
 * its clock running from its due time. {@value #PRE_OPENED} connections are opened before
 * the start, so connecting is not measured.
 *
 * <p>
 * A non-2xx status, a connection that fails or closes before the whole response, and no
 * response within {@link #TIMEOUT} of the due time are errors; their latency (due time to
 * failure) is recorded too. So the run ends {@code TIMEOUT} after the last due time at
 * the latest.
 *
 * <p>
 * Timing: {@link Selector#select(long)} sleeps in whole milliseconds, so the thread
 * selects for the whole milliseconds until the next due time and parks
 * ({@link LockSupport#parkNanos}) for the rest. While a response is awaited it parks in
 * slices of at most {@value #PARK_SLICE_NANOS} ns with a non-blocking select between
 * them, so a response is read at most a slice (plus wake-up) after it arrives; with
 * nothing in flight it parks until the due time. Measured on the 2-core machine against
 * the trivial app: a request goes out a median 0.06 ms (5,000 req/s) to 0.09 ms (1,000
 * req/s) after its due time, p99 under 0.5 ms (Linux wakes a parked thread up to 50 µs
 * late), and the client costs 40-50 µs of CPU per request at 5,000 req/s (about 90 µs at
 * 1,000 req/s), where the JDK HttpClient took 200-340 µs (480 µs).
 */
public final class FixedRateLoad {

	/** How long after its due time a request counts as failed. */
	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final int MAX_CONNECTIONS = 256;

	static final int PRE_OPENED = 16;

	static final long PARK_SLICE_NANOS = 50_000;

	private static final long MILLI = 1_000_000;

	private FixedRateLoad() {
	}

	/**
	 * GETs {@code target} at a fixed rate; see
	 * {@link #run(URI, IntFunction, int, Duration)}.
	 */
	public static FixedRateResult run(URI target, int requestsPerSecond, Duration duration)
			throws InterruptedException {
		byte[] get = request("GET", target, Map.of());
		return run(target, (i) -> get, requestsPerSecond, duration);
	}

	/**
	 * Sends {@code requestsPerSecond * duration} requests to {@code target}'s host and
	 * port, request {@code i} being the bytes {@code requests.apply(i)} (see
	 * {@link #request}), all encoded before the start.
	 * @throws IllegalArgumentException if {@code target} is not on 127.0.0.1
	 * @throws IllegalStateException if the first connections cannot be opened
	 */
	public static FixedRateResult run(URI target, IntFunction<byte[]> requests, int requestsPerSecond,
			Duration duration) throws InterruptedException {
		return run(target, requests, requestsPerSecond, duration, TIMEOUT, MAX_CONNECTIONS);
	}

	static FixedRateResult run(URI target, IntFunction<byte[]> requests, int requestsPerSecond, Duration duration,
			Duration timeout, int maxConnections) throws InterruptedException {
		Loopback.require(target);
		if (requestsPerSecond <= 0 || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("need a positive rate and duration");
		}
		int count = Math.toIntExact((long) requestsPerSecond * duration.toMillis() / 1000);
		if (count == 0) {
			throw new IllegalArgumentException("no request is due in " + duration + " at " + requestsPerSecond + "/s");
		}
		byte[][] encoded = new byte[count][];
		for (int i = 0; i < count; i++) {
			encoded[i] = Objects.requireNonNull(requests.apply(i), "request bytes");
		}
		InetSocketAddress address = new InetSocketAddress(target.getHost(),
				(target.getPort() != -1) ? target.getPort() : 80);
		return new Run(address, encoded, requestsPerSecond, timeout.toNanos(), maxConnections).run();
	}

	/**
	 * The bytes of one request: {@code <method> <path>?<query> HTTP/1.1}, {@code Host},
	 * the given headers and, for any method but GET and HEAD, {@code Content-Length: 0}
	 * unless given. No body.
	 */
	public static byte[] request(String method, URI target, Map<String, String> headers) {
		String path = (target.getRawPath() == null || target.getRawPath().isEmpty()) ? "/" : target.getRawPath();
		StringBuilder http = new StringBuilder(256).append(method).append(' ').append(path);
		if (target.getRawQuery() != null) {
			http.append('?').append(target.getRawQuery());
		}
		http.append(" HTTP/1.1\r\nHost: ").append(target.getRawAuthority()).append("\r\n");
		boolean contentLength = false;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			if (header.getKey().isBlank() || (header.getKey() + header.getValue()).matches("(?s).*[\r\n].*")) {
				throw new IllegalArgumentException("not a header: " + header);
			}
			contentLength |= header.getKey().equalsIgnoreCase("Content-Length");
			http.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
		}
		if (!contentLength && !method.equals("GET") && !method.equals("HEAD")) {
			http.append("Content-Length: 0\r\n");
		}
		return http.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** One run: everything here is touched by its one thread only. */
	private static final class Run {

		private final InetSocketAddress address;

		private final byte[][] requests;

		private final int requestsPerSecond;

		private final long timeoutNanos;

		private final int maxConnections;

		private final long[] latencyNanos;

		private final List<Connection> connections = new ArrayList<>();

		/**
		 * Last in, first out: the fewest connections stay busy, as warm as they can be.
		 */
		private final ArrayDeque<Connection> idle = new ArrayDeque<>();

		private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

		private final Consumer<SelectionKey> onReady = this::onReady;

		private Selector selector;

		private long start;

		private int next;

		private int finished;

		private long errors;

		private int inFlight;

		/**
		 * The earliest deadline of the requests in flight, or later; meaningful when
		 * {@code inFlight > 0}.
		 */
		private long nextExpiry;

		Run(InetSocketAddress address, byte[][] requests, int requestsPerSecond, long timeoutNanos,
				int maxConnections) {
			this.address = address;
			this.requests = requests;
			this.requestsPerSecond = requestsPerSecond;
			this.timeoutNanos = timeoutNanos;
			this.maxConnections = maxConnections;
			this.latencyNanos = new long[requests.length];
		}

		FixedRateResult run() throws InterruptedException {
			try (Selector opened = Selector.open()) {
				this.selector = opened;
				preOpen();
				this.start = System.nanoTime() + MILLI;
				long end = due(this.requests.length - 1) + this.timeoutNanos;
				while (this.finished < this.requests.length) {
					if (Thread.interrupted()) {
						throw new InterruptedException("fixed-rate load interrupted");
					}
					long now = System.nanoTime();
					sendDue(now);
					expire(now);
					if (now - end >= 0) {
						failOutstanding(now);
					}
					if (this.finished < this.requests.length) {
						await(waitNanos(now, end));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("selecting on " + this.address + " failed", ex);
			}
			finally {
				for (Connection connection : this.connections) {
					connection.close();
				}
			}
			return FixedRateResult.of(this.requestsPerSecond, this.latencyNanos, this.errors);
		}

		private long due(int request) {
			return this.start + request * 1_000_000_000L / this.requestsPerSecond;
		}

		private void preOpen() throws IOException {
			int wanted = Math.min(PRE_OPENED, this.maxConnections);
			for (int i = 0; i < wanted; i++) {
				Connection connection = open();
				if (connection.connected) {
					this.idle.addLast(connection);
				}
			}
			long deadline = System.nanoTime() + this.timeoutNanos;
			while (this.idle.size() < wanted) {
				long wait = deadline - System.nanoTime();
				if (wait <= 0 || this.connections.size() < wanted) {
					throw new IllegalStateException("cannot open " + wanted + " connections to " + this.address
							+ " within " + Duration.ofNanos(this.timeoutNanos));
				}
				this.selector.select(this.onReady, Math.max(1, wait / MILLI));
			}
		}

		/**
		 * Sends every request that is due and has (or may open) a connection; fails those
		 * that waited too long.
		 */
		private void sendDue(long now) {
			while (this.next < this.requests.length) {
				long due = due(this.next);
				if (due - now > 0) {
					return;
				}
				if (due + this.timeoutNanos - now <= 0) {
					record(this.next++, now, false);
					continue;
				}
				Connection connection = this.idle.pollLast();
				if (connection == null) {
					if (this.connections.size() >= this.maxConnections) {
						return;
					}
					try {
						connection = open();
					}
					catch (IOException ex) {
						record(this.next++, System.nanoTime(), false);
						continue;
					}
				}
				send(connection, this.next++);
			}
		}

		/**
		 * A new connection, connected or connecting, not yet idle: the caller either
		 * sends on it or parks it.
		 */
		private Connection open() throws IOException {
			SocketChannel channel = SocketChannel.open();
			try {
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				boolean connected = channel.connect(this.address);
				Connection connection = new Connection(channel,
						channel.register(this.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT),
						connected);
				this.connections.add(connection);
				return connection;
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
		}

		private void send(Connection connection, int request) {
			connection.request = request;
			connection.deadline = due(request) + this.timeoutNanos;
			if (this.inFlight++ == 0 || connection.deadline - this.nextExpiry < 0) {
				this.nextExpiry = connection.deadline;
			}
			byte[] bytes = this.requests[request];
			connection.parser.expect(bytes.length > 5 && bytes[0] == 'H' && bytes[1] == 'E' && bytes[2] == 'A'
					&& bytes[3] == 'D' && bytes[4] == ' ');
			connection.unwritten = ByteBuffer.wrap(bytes);
			if (connection.connected) {
				write(connection);
			}
		}

		private void write(Connection connection) {
			try {
				connection.channel.write(connection.unwritten);
			}
			catch (IOException ex) {
				broken(connection);
				return;
			}
			boolean waiting = connection.key.interestOps() != SelectionKey.OP_READ;
			if (connection.unwritten.hasRemaining()) {
				connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
			else {
				connection.unwritten = null;
				if (waiting) {
					connection.key.interestOps(SelectionKey.OP_READ);
				}
			}
		}

		private void onReady(SelectionKey key) {
			Connection connection = (Connection) key.attachment();
			try {
				if (key.isValid() && key.isConnectable()) {
					connection.channel.finishConnect();
					connection.connected = true;
					key.interestOps(SelectionKey.OP_READ);
					if (connection.request >= 0) {
						write(connection);
					}
					else {
						this.idle.addLast(connection);
					}
				}
				if (key.isValid() && key.isWritable() && connection.unwritten != null) {
					write(connection);
				}
				if (key.isValid() && key.isReadable()) {
					read(connection);
				}
			}
			catch (IOException ex) {
				broken(connection);
			}
		}

		private void read(Connection connection) throws IOException {
			this.readBuffer.clear();
			int read = connection.channel.read(this.readBuffer);
			if (read < 0) {
				if (connection.request >= 0 && connection.parser.endOfStream()) {
					complete(connection, false);
				}
				else {
					broken(connection);
				}
				return;
			}
			if (read == 0) {
				return;
			}
			if (connection.request < 0) {
				// bytes nobody asked for: this connection cannot be trusted with a
				// request
				broken(connection);
				return;
			}
			this.readBuffer.flip();
			if (connection.parser.parse(this.readBuffer)) {
				complete(connection, connection.parser.keepAlive() && !this.readBuffer.hasRemaining()
						&& connection.unwritten == null);
			}
		}

		private void complete(Connection connection, boolean reusable) {
			record(connection.request, System.nanoTime(), connection.parser.status() / 100 == 2);
			connection.request = -1;
			this.inFlight--;
			if (reusable) {
				this.idle.addLast(connection);
			}
			else {
				close(connection);
			}
		}

		/**
		 * The connection failed or timed out: its request, if any, is an error, and it is
		 * not used again.
		 */
		private void broken(Connection connection) {
			if (connection.request >= 0) {
				record(connection.request, System.nanoTime(), false);
				connection.request = -1;
				this.inFlight--;
			}
			close(connection);
		}

		private void close(Connection connection) {
			connection.close();
			this.connections.remove(connection);
			this.idle.remove(connection);
		}

		private void record(int request, long now, boolean ok) {
			this.latencyNanos[request] = now - due(request);
			if (!ok) {
				this.errors++;
			}
			this.finished++;
		}

		/**
		 * Fails the requests in flight past their deadline (closing their connections),
		 * then notes the next deadline.
		 */
		private void expire(long now) {
			if (this.inFlight == 0 || this.nextExpiry - now > 0) {
				return;
			}
			long earliest = now + this.timeoutNanos;
			for (int i = this.connections.size() - 1; i >= 0; i--) {
				Connection connection = this.connections.get(i);
				if (connection.request >= 0) {
					if (connection.deadline - now <= 0) {
						broken(connection);
					}
					else if (connection.deadline - earliest < 0) {
						earliest = connection.deadline;
					}
				}
			}
			this.nextExpiry = earliest;
		}

		/**
		 * Past the last deadline nothing is awaited any more: whatever is outstanding
		 * failed.
		 */
		private void failOutstanding(long now) {
			for (int i = this.connections.size() - 1; i >= 0; i--) {
				if (this.connections.get(i).request >= 0) {
					broken(this.connections.get(i));
				}
			}
			while (this.next < this.requests.length) {
				record(this.next++, now, false);
			}
		}

		/**
		 * Until the next request is due (or, with no connection to send it on, expires),
		 * the next deadline, or the end.
		 */
		private long waitNanos(long now, long end) {
			long wake = end;
			if (this.inFlight > 0 && this.nextExpiry - wake < 0) {
				wake = this.nextExpiry;
			}
			if (this.next < this.requests.length) {
				boolean sendable = !this.idle.isEmpty() || this.connections.size() < this.maxConnections;
				long due = due(this.next) + (sendable ? 0 : this.timeoutNanos);
				if (due - wake < 0) {
					wake = due;
				}
			}
			return wake - now;
		}

		/**
		 * Handles whatever I/O is ready, sleeping at most {@code nanos}: a select for the
		 * whole milliseconds, a park for the rest, in short slices only while a response
		 * is awaited (a slice is its timing error).
		 */
		private void await(long nanos) throws IOException {
			if (nanos >= MILLI) {
				this.selector.select(this.onReady, nanos / MILLI);
			}
			else if (this.selector.selectNow(this.onReady) == 0 && nanos > 0) {
				LockSupport.parkNanos((this.inFlight > 0) ? Math.min(nanos, PARK_SLICE_NANOS) : nanos);
				this.selector.selectNow(this.onReady);
			}
		}

	}

	private static final class Connection {

		final SocketChannel channel;

		final SelectionKey key;

		final ResponseParser parser = new ResponseParser();

		boolean connected;

		/** The request in flight on this connection, or -1. */
		int request = -1;

		long deadline;

		ByteBuffer unwritten;

		Connection(SocketChannel channel, SelectionKey key, boolean connected) {
			this.channel = channel;
			this.key = key;
			this.connected = connected;
			key.attach(this);
		}

		void close() {
			this.key.cancel();
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closing is all that is left to do with it
			}
		}

	}

}
