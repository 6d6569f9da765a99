package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.headcount.testsupport.HeadlessChromium;
import io.headcount.testsupport.HeadlessChromium.Page;
import io.headcount.presence.support.PresenceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 item 8: {@code /headcount-visitors.js} in a real headless Chromium, on a page
 * served from another origin (as a customer's site would be), so CORS is real: a page
 * open counts 1; closing the tab sends the beacon and the count is 0 within 2 s; a
 * browser killed with SIGKILL sends nothing, and the count is 0 once the timeout has
 * passed.
 */
@PresenceIntegrationTest
class VisitorsScriptIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aPageIsCountedWhileOpenAndNotAfterItsTabClosesOrItsBrowserDies() throws Exception {
		HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String siteId = Sessions.newSiteId("browser");
		shop.createContext("/", (exchange) -> {
			byte[] page = page(this.port, siteId).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		shop.start();
		String origin = "http://127.0.0.1:" + shop.getAddress().getPort();
		// heartbeat 1 s, timeout 3 s
		assertThat(Sessions
			.configure(this.port, siteId, Sessions.ADMIN,
					"{\"allowedOrigins\":[\"" + origin
							+ "\"],\"heartbeatSeconds\":1,\"sessionTimeoutSeconds\":3,\"inactivitySeconds\":600}")
			.status()).isEqualTo(200);
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			Page first = chromium.open(origin + "/post-42");
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(Sessions.concurrent(this.port, siteId))
					.as("page says %s", first.text("document.body && document.body.innerText"))
					.isEqualTo(1));
			// it keeps heartbeating: still counted after twice the timeout
			await().pollDelay(Duration.ofSeconds(6)).until(() -> true);
			assertThat(Sessions.concurrent(this.port, siteId)).isEqualTo(1);
			assertThat(
					Sessions.visitors(this.port, siteId, "object=post-42").path("object").path("concurrent").asLong())
				.isEqualTo(1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> "open".equals(first.text("document.getElementById('status').textContent")));
			Path screenshot = first.screenshot(Files.createTempFile("headcount-visitors-", ".png"));
			System.out.println("visitors script: screenshot of the open page at " + screenshot);

			long closed = System.nanoTime();
			chromium.close(first);
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> Sessions.concurrent(this.port, siteId) == 0);
			long beaconMillis = (System.nanoTime() - closed) / 1_000_000;

			Page second = chromium.open(origin + "/post-42");
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> Sessions.concurrent(this.port, siteId) == 1);
			long killed = System.nanoTime();
			chromium.kill();
			// no beacon: counted until the timeout (3 s) has passed, then not
			await().atMost(Duration.ofSeconds(8))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Sessions.concurrent(this.port, siteId) == 0);
			long timeoutMillis = (System.nanoTime() - killed) / 1_000_000;
			assertThat(timeoutMillis).as("a killed browser is counted until its timeout").isGreaterThan(1500);
			System.out.printf("visitors script: tab closed -> 0 after %d ms (beacon); browser killed -> 0 after %d ms "
					+ "(3 s timeout, 1 s heartbeat)%n", beaconMillis, timeoutMillis);
		}
		finally {
			shop.stop(0);
		}
	}

	private static String page(int port, String siteId) {
		return """
				<!doctype html>
				<html><head><meta charset="utf-8"><title>A shop page</title>
				<style>body{font:18px sans-serif;margin:40px} code{background:#eee;padding:2px 6px}</style>
				<script src="http://127.0.0.1:%d/headcount-visitors.js" data-site="%s" data-object="post-42"></script>
				</head><body>
				<h1>Post 42</h1>
				<p>Headcount visitors: <code id="status">starting</code> session <code id="session">-</code></p>
				<script>
				setInterval(function () {
				  document.getElementById('status').textContent = window.headcountVisitors.status();
				  document.getElementById('session').textContent = window.headcountVisitors.sessionId() || '-';
				}, 100);
				</script>
				</body></html>
				""".formatted(port, siteId);
	}

}
