package io.headcount.platform.websocket;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LatestValueOutboxTests {

	@Test
	void keepsOnlyTheLatestValuePerKeyInFirstOfferedOrder() {
		LatestValueOutbox outbox = new LatestValueOutbox();
		assertThat(outbox.offer("count", 1)).isFalse();
		assertThat(outbox.offer("position", 10)).isFalse();
		assertThat(outbox.offer("count", 2)).isTrue();
		assertThat(outbox.offer("count", 3)).isTrue();

		assertThat(outbox.drain()).containsExactly(3, 10);
		assertThat(outbox.replaced()).isEqualTo(2);
		assertThat(outbox.isEmpty()).isTrue();
		assertThat(outbox.drain()).isEmpty();
	}

	@Test
	void pollTakesTheOldestKeyWithItsLatestValue() {
		LatestValueOutbox outbox = new LatestValueOutbox();
		outbox.offer("alice", "online");
		outbox.offer("bob", "away");
		outbox.offer("alice", "offline");
		assertThat(outbox.poll()).isEqualTo("offline");
		assertThat(outbox.poll()).isEqualTo("away");
		assertThat(outbox.poll()).isNull();
		assertThat(outbox.isEmpty()).isTrue();
	}

	@Test
	void closeReasonsAreCutToWhatACloseFrameCarries() {
		CloseStatus status = CloseStatus.BAD_DATA.withReason("invalid JSON: " + "é".repeat(200));
		CloseStatus safe = WebSocketCloseStatuses.withSafeReason(status);
		assertThat(safe.getCode()).isEqualTo(1007);
		assertThat(safe.getReason().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
		assertThat(safe.getReason()).startsWith("invalid JSON: é");
		assertThat(WebSocketCloseStatuses.withSafeReason(CloseStatus.NORMAL)).isSameAs(CloseStatus.NORMAL);
	}

}
