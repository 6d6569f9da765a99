package io.headcount.presence.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.headcount.presence.support.Fixtures;
import io.headcount.testsupport.HeadlessChromium;
import io.headcount.testsupport.HeadlessChromium.Page;
import io.headcount.presence.support.PresenceClient;
import io.headcount.presence.support.PresenceIntegrationTest;
import io.headcount.presence.support.TestSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live page in a real headless Chromium: a status change appears without a reload.
 */
@PresenceIntegrationTest
class PresencePageIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theLivePageShowsAStatusChangeWithoutReload() throws Exception {
		PresenceClient viewer = new PresenceClient(this.port, Fixtures.user("viewer"));
		PresenceClient carol = new PresenceClient(this.port, Fixtures.user("carol"));
		PresenceClient dave = new PresenceClient(this.port, Fixtures.user("dave"));
		// dave's open WebSocket keeps him alive (a REST status alone times out after d +
		// 2δ = 2 s here)
		TestSocket daveSocket = dave.connect().status("away");
		String url = "http://127.0.0.1:" + this.port + "/presence.html?access_token=" + viewer.token() + "&users="
				+ carol.userId() + "," + dave.userId();
		String carolStatus = "document.querySelector('tr[data-user=\"" + carol.userId() + "\"] .label')?.textContent";
		String daveStatus = "document.querySelector('tr[data-user=\"" + dave.userId() + "\"] .label')?.textContent";
		try (HeadlessChromium chromium = HeadlessChromium.start()) {
			Page page = chromium.open(url);
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(page.text(carolStatus) + " " + page.text(daveStatus))
					.as("page %s: %s", page.text("location.href"),
							page.text("document.body && document.body.innerText"))
					.isEqualTo("offline away"));
			assertThat(page.text("document.getElementById('connection').textContent")).isEqualTo("connected");
			// a reload would lose this marker
			page.evaluate("window.presenceTestMarker = 'same page'");

			carol.set("online");
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "online".equals(page.text(carolStatus)));
			daveSocket.status("invisible");
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "offline".equals(page.text(daveStatus)));
			assertThat(page.text("window.presenceTestMarker")).isEqualTo("same page");
			// the viewer's page is a WebSocket device of the viewer
			assertThat(carol.statusOf(viewer.userId())).isEqualTo("online");
		}
		finally {
			daveSocket.close();
		}
	}

}
