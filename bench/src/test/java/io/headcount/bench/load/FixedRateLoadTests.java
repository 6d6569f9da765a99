package io.headcount.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FixedRateLoadTests {

	@Test
	void sendsEveryRequestDueAndMeasuresEach() throws Exception {
		AtomicInteger served = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/ping", (exchange) -> {
			byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(served.incrementAndGet() % 10 == 0 ? 503 : 200, pong.length);
			exchange.getResponseBody().write(pong);
			exchange.close();
		});
		server.start();
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			URI ping = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");

			FixedRateResult result = FixedRateLoad.run(client, ping, 200, Duration.ofSeconds(1));

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

	@Test
	void loadsOnlyThisMachine() {
		try (HttpClient client = HttpClient.newHttpClient()) {
			assertThatIllegalArgumentException().isThrownBy(
					() -> FixedRateLoad.run(client, URI.create("http://10.0.0.1/ping"), 10, Duration.ofSeconds(1)));
		}
	}

}
