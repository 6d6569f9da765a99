package io.headcount.presence.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.List;

import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceView;
import io.headcount.presence.subscriptions.Connection.FrameTooBigException;
import org.junit.jupiter.api.Test;

class ConnectionTests {

	private final Connection connection = new Connection(null, "me", "tab", 10, PresenceView::toString);

	@Test
	void refusesToWatchMoreThanTheLimit() {
		assertThat(this.connection.addWatched(List.of("a", "b"), 2, 3)).isTrue();
		assertThat(this.connection.addWatched(List.of("c", "d"), 2, 3)).isFalse();
		assertThat(this.connection.watched()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void aSnapshotOlderThanAnUpdateAlreadySentIsLeftOut() {
		this.connection.addWatched(List.of("a", "b"), 2, 10);
		synchronized (this.connection) {
			// an update with seq 7 for "a" arrived between subscribing and reading the snapshot
		}
		List<PresenceView> fresh = this.connection.acceptSnapshot(List.of(view("a", 5), view("b", 3)));
		assertThat(fresh).extracting(PresenceView::userId).containsExactly("a", "b");
		List<PresenceView> stale = this.connection.acceptSnapshot(List.of(view("a", 4)));
		assertThat(stale).isEmpty();
	}

	@Test
	void unwatchedUsersAreLeftOutOfTheSnapshot() {
		this.connection.addWatched(List.of("a"), 1, 10);
		this.connection.removeWatched(List.of("a"));
		assertThat(this.connection.acceptSnapshot(List.of(view("a", 1)))).isEmpty();
	}

	@Test
	void assemblesFragmentsUpToTheLimit() throws Exception {
		assertThat(this.connection.assemble("{\"type\":", false, 100)).isNull();
		assertThat(this.connection.assemble("\"heartbeat\"}", true, 100)).isEqualTo("{\"type\":\"heartbeat\"}");
		assertThatExceptionOfType(FrameTooBigException.class)
			.isThrownBy(() -> this.connection.assemble("x".repeat(101), true, 100));
		assertThat(this.connection.assemble("x".repeat(60), false, 100)).isNull();
		assertThatExceptionOfType(FrameTooBigException.class)
			.isThrownBy(() -> this.connection.assemble("x".repeat(60), true, 100));
		assertThat(this.connection.assemble("ok", true, 100)).isEqualTo("ok");
	}

	private static PresenceView view(String userId, long seq) {
		return new PresenceView(userId, PresenceStatus.ONLINE, Instant.EPOCH, seq);
	}

}
