package io.headcount.counter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.Instances;
import io.headcount.testsupport.JsonWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

@CounterIntegrationTest
class LiveCountsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void changesThroughAnotherInstanceArriveCoalescedWithGrowingSequenceNumbers() throws Exception {
		String object = "live-" + UUID.randomUUID();
		Api b = Instances.second();
		try (JsonWebSocket client = live("watcher")) {
			client.send("{\"type\":\"subscribe\",\"objects\":[\"" + object + "\"]}");
			await().until(() -> !client.ofType("subscribed").isEmpty());
			assertThat(client.ofType("subscribed").getFirst().path("objects").get(0).asString()).isEqualTo(object);

			long start = System.nanoTime();
			int likes = 150;
			try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
				for (int i = 0; i < likes; i++) {
					String user = "fan-" + i;
					pool.submit(() -> b.put(user, "/v1/objects/" + object + "/likes/me"));
				}
			}
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(counts(client, object)).last()
					.satisfies((f) -> assertThat(f.json().path("counters").path("likes").asLong()).isEqualTo(likes)));
			long elapsedMs = (System.nanoTime() - start) / 1_000_000;

			List<JsonWebSocket.Frame> frames = counts(client, object);
			System.out.printf("live: %d messages for %d changes in %d ms%n", frames.size(), likes, elapsedMs);
			assertThat(frames.size()).as("at most one message per 250 ms")
				.isLessThanOrEqualTo((int) (elapsedMs / 250) + 2);
			assertThat(frames.size()).isLessThan(likes);
			for (int i = 1; i < frames.size(); i++) {
				assertThat(frames.get(i).json().path("seq").asLong())
					.isGreaterThan(frames.get(i - 1).json().path("seq").asLong());
				assertThat(frames.get(i).json().path("version").asLong())
					.isGreaterThanOrEqualTo(frames.get(i - 1).json().path("version").asLong());
			}
		}
	}

	@Test
	void aConnectionWatchesAtMost1000Objects() {
		try (JsonWebSocket client = live("watcher")) {
			String thousand = IntStream.range(0, 1000)
				.mapToObj((i) -> "\"o" + i + "\"")
				.collect(Collectors.joining(","));
			client.send("{\"type\":\"subscribe\",\"objects\":[" + thousand + "]}");
			await().until(() -> !client.ofType("subscribed").isEmpty());
			assertThat(client.ofType("subscribed").getFirst().path("objects")).hasSize(1000);
			client.send("{\"type\":\"subscribe\",\"objects\":[\"one-more\"]}");
			await().until(() -> !client.ofType("error").isEmpty());
			assertThat(client.ofType("error").getFirst().path("detail").asString()).contains("At most 1000");
		}
	}

	@Test
	void aSubscribeIsAnsweredWithWhatItChangedOnly() {
		try (JsonWebSocket client = live("watcher")) {
			for (int i = 0; i < 50; i++) {
				client.send("{\"type\":\"subscribe\",\"objects\":[\"d" + i + "\",\"d0\"]}");
			}
			await().until(() -> client.ofType("subscribed").size() == 50);
			assertThat(client.ofType("subscribed").getLast().path("objects")).hasSize(1);
			assertThat(client.ofType("subscribed").getLast().path("watching").asInt()).isEqualTo(50);
			assertThat(client.ofType("subscribed").get(1).path("objects").get(0).asString()).isEqualTo("d1");
			client.send("{\"type\":\"unsubscribe\",\"objects\":[\"d3\",\"never\"]}");
			await().until(() -> !client.ofType("unsubscribed").isEmpty());
			assertThat(client.ofType("unsubscribed").getFirst().path("objects")).hasSize(1);
			assertThat(client.ofType("unsubscribed").getFirst().path("watching").asInt()).isEqualTo(49);
		}
	}

	@Test
	void localChangesArriveToo() {
		String object = "live-" + UUID.randomUUID();
		Api a = new Api(this.port);
		try (JsonWebSocket client = live("watcher")) {
			client.send("{\"type\":\"subscribe\",\"objects\":[\"" + object + "\"]}");
			await().until(() -> !client.ofType("subscribed").isEmpty());
			a.post("alice", "/v1/objects/" + object + "/views", Map.of());
			await().untilAsserted(() -> assertThat(counts(client, object)).isNotEmpty()
				.last()
				.satisfies((f) -> assertThat(f.json().path("counters").path("views").asLong()).isEqualTo(1)));
		}
	}

	private JsonWebSocket live(String user) {
		return JsonWebSocket.to("ws://127.0.0.1:" + this.port + "/ws/counters").accessToken(Api.token(user)).open();
	}

	/** The counts frames of one object, with their arrival times. */
	private static List<JsonWebSocket.Frame> counts(JsonWebSocket client, String objectId) {
		return client.timedFrames((json) -> "counts".equals(json.path("type").asString())
				&& objectId.equals(json.path("objectId").asString()));
	}

}
