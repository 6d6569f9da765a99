package io.headcount.platform.outbox;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.PresenceChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutboxRecordTests {

	@Test
	void eventIdIsTheSameForTheSameEntryAndDiffersOtherwise() {
		String id = OutboxRecord.eventId("s:{a}", "1700000000000-0");
		assertThat(OutboxRecord.eventId("s:{a}", "1700000000000-0")).isEqualTo(id);
		assertThat(OutboxRecord.eventId("s:{a}", "1700000000000-1")).isNotEqualTo(id);
		assertThat(OutboxRecord.eventId("s:{b}", "1700000000000-0")).isNotEqualTo(id);
		assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void kafkaValueIsThePayloadWithEventIdAndOccurredAtAsEventJsonReadsIt() {
		String payload = "{\"type\":\"PresenceChanged\",\"version\":1,\"userId\":\"alice\",\"status\":\"online\","
				+ "\"previousStatus\":\"offline\",\"lastActiveAt\":\"2026-11-25T10:15:30.120Z\",\"deviceId\":\"phone\","
				+ "\"reason\":\"heartbeat\"}";
		String value = OutboxRecord.kafkaValue("id-1", 1_795_601_730_120L, payload);

		PresenceChanged event = EventJson.read(value, PresenceChanged.class);
		assertThat(event.eventId()).isEqualTo("id-1");
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.120Z"));
		assertThat(event.userId()).isEqualTo("alice");
		assertThat(event.lastActiveAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.120Z"));
		assertThatIllegalArgumentException().isThrownBy(() -> OutboxRecord.kafkaValue("id", 0, "[]"));
	}

	@Test
	void afterIsTheNextIdSoThatMinIdTrimsUpToTheEntry() {
		assertThat(OutboxRecord.after("1700000000000-7")).isEqualTo("1700000000000-8");
		assertThat(OutboxRecord.millisOf("1700000000000-7")).isEqualTo(1_700_000_000_000L);
	}

}
