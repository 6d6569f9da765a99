package io.headcount.presence.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PresenceStatusTests {

	@Test
	void invisibleLooksOfflineToOthers() {
		assertThat(PresenceStatus.INVISIBLE.publicView()).isEqualTo(PresenceStatus.OFFLINE);
		assertThat(PresenceStatus.AWAY.publicView()).isEqualTo(PresenceStatus.AWAY);
		assertThat(PresenceStatus.INVISIBLE.isConnected()).isTrue();
	}

	@Test
	void parsesOnlyTheFourLowercaseNames() {
		assertThat(PresenceStatus.of("away")).isEqualTo(PresenceStatus.AWAY);
		assertThat(PresenceStatus.OFFLINE.value()).isEqualTo("offline");
		assertThatIllegalArgumentException().isThrownBy(() -> PresenceStatus.of("busy")).withMessageContaining("busy");
		assertThatIllegalArgumentException().isThrownBy(() -> PresenceStatus.of("ONLINE"));
		assertThatIllegalArgumentException().isThrownBy(() -> PresenceStatus.of(null));
	}

	@Test
	void goingInvisibleIsAPublicTransitionButInvisibleToOfflineIsNot() {
		assertThat(outcome(PresenceStatus.ONLINE, PresenceStatus.INVISIBLE).isPublicTransition()).isTrue();
		assertThat(outcome(PresenceStatus.INVISIBLE, PresenceStatus.OFFLINE).isTransition()).isTrue();
		assertThat(outcome(PresenceStatus.INVISIBLE, PresenceStatus.OFFLINE).isPublicTransition()).isFalse();
		assertThat(outcome(PresenceStatus.ONLINE, PresenceStatus.ONLINE).isTransition()).isFalse();
	}

	@Test
	void deviceIdsNeverContainTheMemberSeparator() {
		assertThat(DeviceCommand.DEVICE_ID.matcher("phone-1.a:b_c").matches()).isTrue();
		assertThat(DeviceCommand.DEVICE_ID.matcher("tab|1").matches()).isFalse();
		assertThat(DeviceCommand.DEVICE_ID.matcher("").matches()).isFalse();
	}

	@Test
	void aUserAndTheirChannelShareOneShard() {
		PresenceShards shards = new PresenceShards(32);
		int shard = shards.of("alice");
		assertThat(shards.userKey("alice")).isEqualTo("presence:{p" + shard + "}:u:alice");
		assertThat(shards.channel("alice")).isEqualTo("presence:{p" + shard + "}:ch:alice");
		assertThat(PresenceShards.userOfChannel(shards.channel("a:b}c"))).isEqualTo("a:b}c");
		assertThat(shards.of("alice")).isEqualTo(shard).isBetween(0, 31);
	}

	private static Outcome outcome(PresenceStatus previous, PresenceStatus status) {
		return new Outcome("u", "d", previous, status, Instant.EPOCH, Instant.EPOCH, 1, "set", Instant.EPOCH);
	}

}
