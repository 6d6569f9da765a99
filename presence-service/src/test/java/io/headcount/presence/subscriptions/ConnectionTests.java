package io.headcount.presence.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.headcount.presence.status.PresenceStatus;
import io.headcount.presence.status.PresenceView;
import org.junit.jupiter.api.Test;

class ConnectionTests {

	private final Connection connection = new Connection(null, "me", "tab", (view) -> view);

	@Test
	void refusesToWatchMoreThanTheLimitAndThenChangesNothing() {
		assertThat(this.connection.addWatched(List.of("a", "b"), 3)).isTrue();
		assertThat(this.connection.addWatched(List.of("a", "c", "d"), 3)).isFalse();
		assertThat(this.connection.watched()).containsExactlyInAnyOrder("a", "b");
		assertThat(this.connection.addWatched(List.of("a", "b", "c"), 3)).isTrue();
	}

	@Test
	void aSnapshotEntryOlderThanOneAlreadySentIsLeftOut() {
		this.connection.addWatched(List.of("a", "b"), 10);
		List<PresenceView> fresh = this.connection.acceptSnapshot(List.of(view("a", 5), view("b", 0)));
		assertThat(fresh).extracting(PresenceView::userId).containsExactly("a", "b");
		assertThat(this.connection.acceptSnapshot(List.of(view("a", 4)))).isEmpty();
		assertThat(this.connection.acceptSnapshot(List.of(view("a", 5)))).isEmpty();
		assertThat(this.connection.acceptSnapshot(List.of(view("a", 6)))).hasSize(1);
	}

	@Test
	void unwatchedUsersAreLeftOutOfTheSnapshot() {
		this.connection.addWatched(List.of("a"), 10);
		this.connection.removeWatched(List.of("a"));
		assertThat(this.connection.acceptSnapshot(List.of(view("a", 1)))).isEmpty();
		assertThat(this.connection.isWatching("a")).isFalse();
	}

	private static PresenceView view(String userId, long seq) {
		return new PresenceView(userId, PresenceStatus.ONLINE, Instant.EPOCH, seq);
	}

}
