package io.headcount.waitingroom.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.headcount.testsupport.HeadlessChromium;
import io.headcount.testsupport.HeadlessChromium.Page;
import io.headcount.waitingroom.support.Fixtures;
import io.headcount.waitingroom.support.RoomClient;
import io.headcount.waitingroom.support.RoomsIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The waiting page in a real (headless) browser: it joins, shows its place and EWT live,
 * and goes to the webshop with its admission token when it is its turn.
 */
@RoomsIntegrationTest
class WaitingPageIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aWaitingBrowserShowsItsPlaceAndIsSentToTheWebshopOnAdmission() throws Exception {
		CopyOnWriteArrayList<String> shopRequests = new CopyOnWriteArrayList<>();
		HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		shop.createContext("/", (exchange) -> {
			shopRequests.add(exchange.getRequestURI().toString());
			byte[] page = "<!doctype html><title>Shop</title><h1>Welcome to the shop</h1>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		shop.start();
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			String room = Fixtures.roomId("page");
			String webshop = "http://127.0.0.1:" + shop.getAddress().getPort() + "/shop/" + room;
			RoomClient.admin(this.port)
				.putRoom(room, Map.of("activeCapacity", 1, "maxShoppingSeconds", 600, "webshopUrl", webshop))
				.expect(200);
			RoomClient holder = RoomClient.user(this.port, room + "-holder");
			holder.join(room).expect(200);
			RoomClient.user(this.port, room + "-second").join(room).expect(200);
			RoomClient browserUser = RoomClient.user(this.port, room + "-browser");
			Page page = chromium.open("http://127.0.0.1:" + this.port + "/waiting-room.html?room=" + room
					+ "&access_token=" + browserUser.token());
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(page.text("document.getElementById('state').textContent")).isEqualTo("WAITING");
				assertThat(page.text("document.getElementById('position').textContent")).isEqualTo("2");
				assertThat(page.text("document.getElementById('transport').textContent")).isEqualTo("live");
			});
			// the one ahead leaves: the place moves to 1 live
			RoomClient.user(this.port, room + "-second").leave(room);
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "1".equals(page.text("document.getElementById('position').textContent")));
			Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
			Path shot = page.screenshot(screenshots.resolve("waiting-room.png"));
			System.out.println("waiting page screenshot: " + shot.toAbsolutePath());
			long left = System.nanoTime();
			holder.leave(room);
			await().atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> String.valueOf(page.text("location.href")).startsWith(webshop + "?admission_token="));
			System.out.printf("waiting page: leave -> browser at the webshop in %d ms%n",
					(System.nanoTime() - left) / 1_000_000);
			await().atMost(Duration.ofSeconds(5)).until(() -> !shopRequests.isEmpty());
			assertThat(shopRequests.getFirst()).startsWith("/shop/" + room + "?admission_token=");
		}
		finally {
			shop.stop(0);
		}
	}

	@Test
	void aRoomWithProofOfWorkIsJoinedAfterTheBrowserSolvedIt() throws Exception {
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			String room = Fixtures.roomId("pagepow");
			RoomClient.admin(this.port)
				.putRoom(room,
						Map.of("activeCapacity", 1, "maxShoppingSeconds", 600, "webshopUrl",
								"https://shop.example/" + room, "proofOfWorkBits", 14, "state", "PAUSED"))
				.expect(200);
			// paused: the browser waits, so its page stays to be read
			RoomClient browserUser = RoomClient.user(this.port, room + "-browser");
			Page page = chromium.open("http://127.0.0.1:" + this.port + "/waiting-room.html?room=" + room
					+ "&access_token=" + browserUser.token());
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "WAITING".equals(page.text("document.getElementById('state').textContent")));
			System.out.printf("waiting page: %s%n", page.text("document.getElementById('work').textContent"));
			assertThat(page.evaluate("window.waitingRoomWorkMillis").asLong()).isPositive();
		}
	}

}
