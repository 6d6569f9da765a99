package io.headcount.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

// Bounds are generous and one-sided (latencies only grow on a busy machine): these run
// beside other builds.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixedRateLoadTests {

	@Test
	void sendsEveryRequestDueAndCountsEach() throws Exception {
		AtomicInteger served = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		server.createContext("/ping", (exchange) -> {
			int n = served.incrementAndGet();
			byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
			// a length of 0 makes the JDK's server chunk the body
			exchange.sendResponseHeaders((n % 10 == 0) ? 503 : 200, (n % 3 == 0) ? 0 : pong.length);
			exchange.getResponseBody().write(pong);
			exchange.close();
		});
		server.start();
		try {
			URI ping = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");

			FixedRateResult result = FixedRateLoad.run(ping, 200, Duration.ofSeconds(1));

			assertThat(result.requests()).isEqualTo(200);
			assertThat(served).hasValue(200);
			assertThat(result.errors()).isEqualTo(20);
			assertThat(result.p50Ms()).isPositive().isLessThanOrEqualTo(result.p99Ms());
			assertThat(result.p99Ms()).isLessThanOrEqualTo(result.p999Ms()).isLessThanOrEqualTo(result.maxMs());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void keepsConnectionsAlive() throws Exception {
		try (RawHttpServer server = RawHttpServer
			.start((n, socket, out) -> out.write(RawHttpServer.response(200, "")))) {
			FixedRateResult result = FixedRateLoad.run(server.uri("/"), 200, Duration.ofSeconds(1));

			assertThat(result.requests()).isEqualTo(200);
			assertThat(result.errors()).isZero();
			assertThat(server.requests()).isEqualTo(200);
			assertThat(server.connections()).as("connections for 200 requests").isLessThan(100);
		}
	}

	@Test
	void measuresFromTheDueTimeSoAStallDelaysEveryRequestDueDuringIt() throws Exception {
		// the whole server pauses for 300 ms at request 20 (as in a GC pause): requests
		// due in its first 200 ms, 40 of the 200, wait at least 100 ms; a closed-model
		// client would show one slow request
		ReentrantLock wholeServer = new ReentrantLock();
		try (RawHttpServer server = RawHttpServer.start((n, socket, out) -> {
			wholeServer.lock();
			try {
				if (n == 20) {
					pause(Duration.ofMillis(300));
				}
				out.write(RawHttpServer.response(200, "ok"));
			}
			finally {
				wholeServer.unlock();
			}
		})) {
			FixedRateResult result = FixedRateLoad.run(server.uri("/"), 200, Duration.ofSeconds(1));

			assertThat(result.requests()).isEqualTo(200);
			assertThat(result.errors()).isZero();
			assertThat(server.requests()).isEqualTo(200);
			assertThat(result.p90Ms()).isGreaterThanOrEqualTo(100);
			assertThat(result.maxMs()).isGreaterThanOrEqualTo(300);
		}
	}

	@Test
	void countsNon2xxStatusesAndResetConnectionsAsErrors() throws Exception {
		try (RawHttpServer server = RawHttpServer.start((n, socket, out) -> {
			switch (n % 10) {
				case 0 -> out.write(RawHttpServer.response(503, "busy"));
				case 5 -> {
					socket.setSoLinger(true, 0);
					socket.close();
				}
				default -> out.write(RawHttpServer.response(200, "ok"));
			}
		})) {
			FixedRateResult result = FixedRateLoad.run(server.uri("/"), 200, Duration.ofSeconds(1));

			assertThat(result.requests()).isEqualTo(200);
			assertThat(server.requests()).isEqualTo(200);
			assertThat(result.errors()).isEqualTo(40);
		}
	}

	@Test
	void readsChunkedBodiesBigBodiesAndConnectionClose() throws Exception {
		String big = "x".repeat(100_000);
		try (RawHttpServer server = RawHttpServer.start((n, socket, out) -> {
			switch (n % 5) {
				case 0 -> {
					out.write(RawHttpServer.ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npo"));
					out.flush();
					out.write(RawHttpServer.ascii("ng\r\n5;ext=1\r"));
					out.flush();
					out.write(RawHttpServer.ascii("\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"));
				}
				case 1 -> out.write(RawHttpServer.response(200, big));
				case 2 -> out.write(RawHttpServer.ascii("HTTP/1.1 204 No Content\r\n\r\n"));
				case 3 -> {
					out.write(RawHttpServer.response(200, "bye", "Connection: close"));
					socket.close();
				}
				default -> out.write(RawHttpServer.response(201, "made"));
			}
		})) {
			FixedRateResult result = FixedRateLoad.run(server.uri("/"), 200, Duration.ofSeconds(1));

			assertThat(result.requests()).isEqualTo(200);
			assertThat(server.requests()).isEqualTo(200);
			assertThat(result.errors()).isZero();
		}
	}

	@Test
	void endsWhenTheServerNeverAnswers() throws Exception {
		try (RawHttpServer server = RawHttpServer.start((n, socket, out) -> {
		})) {
			long start = System.nanoTime();

			FixedRateResult result = FixedRateLoad.run(server.uri("/"),
					(i) -> FixedRateLoad.request("GET", server.uri("/"), Map.of()), 20, Duration.ofSeconds(1),
					Duration.ofSeconds(1), 4);

			assertThat(result.requests()).isEqualTo(20);
			assertThat(result.errors()).isEqualTo(20);
			// every request timed out (1 s after its due time) or waited that long for
			// one of the 4 connections
			assertThat(result.p50Ms()).isGreaterThanOrEqualTo(1000);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	void encodesOneRequestWithHostAndHeaders() {
		URI like = URI.create("http://127.0.0.1:8080/v1/objects/post-7/likes/me?x=1");

		byte[] put = FixedRateLoad.request("PUT", like, Map.of("Authorization", "Bearer t0k3n"));
		byte[] get = FixedRateLoad.request("GET", URI.create("http://127.0.0.1:8080"), Map.of());

		assertThat(new String(put, StandardCharsets.US_ASCII))
			.isEqualTo("PUT /v1/objects/post-7/likes/me?x=1 HTTP/1.1\r\n"
					+ "Host: 127.0.0.1:8080\r\nAuthorization: Bearer t0k3n\r\nContent-Length: 0\r\n\r\n");
		assertThat(new String(get, StandardCharsets.US_ASCII))
			.isEqualTo("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FixedRateLoad.request("GET", like, Map.of("X-Evil", "a\r\nHost: elsewhere")));
	}

	@Test
	void refusesToStartWhenNothingListens() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		URI nobody = URI.create("http://127.0.0.1:" + port + "/");

		assertThatIllegalStateException().isThrownBy(() -> FixedRateLoad.run(nobody, 10, Duration.ofSeconds(1)))
			.withMessageContaining("cannot open");
	}

	@Test
	void loadsOnlyThisMachine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FixedRateLoad.run(URI.create("http://10.0.0.1/ping"), 10, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> FixedRateLoad.run(URI.create("http://example.com:8080/"),
				(i) -> new byte[0], 10, Duration.ofSeconds(1)));
	}

	@Test
	void takesNearestRankPercentilesInMilliseconds() {
		long[] nanos = new long[1000];
		for (int i = 0; i < nanos.length; i++) {
			nanos[i] = (i + 1) * 1_000_000L;
		}

		FixedRateResult result = FixedRateResult.of(1000, nanos, 0);

		assertThat(result.p50Ms()).isEqualTo(500);
		assertThat(result.p90Ms()).isEqualTo(900);
		assertThat(result.p99Ms()).isEqualTo(990);
		assertThat(result.p999Ms()).isEqualTo(999);
		assertThat(result.maxMs()).isEqualTo(1000);
	}

	/** The server's own pause, the thing under test; nothing waits on it. */
	private static void pause(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
