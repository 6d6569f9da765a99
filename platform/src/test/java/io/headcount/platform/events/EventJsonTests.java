package io.headcount.platform.events;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventJsonTests {

	@Test
	void everyRecordRoundTripsWithTypeAndVersion() {
		for (HeadcountEvent event : Events.everyKind()) {
			String json = EventJson.write(event);
			JsonNode tree = EventJson.mapper().readTree(json);
			assertThat(tree.path("type").asString()).as(json).isEqualTo(event.getClass().getSimpleName());
			assertThat(tree.path("version").asInt()).as(json).isEqualTo(1);
			assertThat(tree.path("eventId").asString()).isEqualTo(event.eventId());
			assertThat(EventJson.read(json)).isEqualTo(event);
			assertThat(EventJson.read(EventJson.writeBytes(event))).isEqualTo(event);
		}
	}

	@Test
	void everyPermittedRecordHasAnExample() {
		Set<Class<?>> permitted = Set.of(HeadcountEvent.class.getPermittedSubclasses());
		Set<Class<?>> examples = Events.everyKind().stream().map(Object::getClass).collect(Collectors.toSet());
		assertThat(examples).isEqualTo(permitted);
	}

	@Test
	void instantsAreIsoStringsAndKeyAndTopicAreNotSerialized() {
		JsonNode tree = EventJson.mapper().readTree(EventJson.write(Events.presenceChanged()));
		assertThat(tree.path("occurredAt").asString()).isEqualTo("2026-11-25T10:15:30.123456Z");
		assertThat(tree.has("key")).isFalse();
		assertThat(tree.has("topic")).isFalse();
	}

	@Test
	void readsEventsWithFieldsItDoesNotKnow() {
		String json = """
				{"type":"CounterChanged","version":1,"eventId":"e-1","occurredAt":"2026-11-25T10:15:30Z",
				 "objectId":"post:1","counter":"views","delta":1,"value":10,"shard":3}""";
		CounterChanged event = EventJson.read(json, CounterChanged.class);
		assertThat(event.value()).isEqualTo(10);
		assertThat(event.actorId()).isNull();
		assertThat(event.key()).isEqualTo("post:1");
		assertThat(event.topic()).isEqualTo(Topics.COUNTER_EVENTS);
	}

	@Test
	void readingTheWrongTypeFails() {
		String json = EventJson.write(Events.presenceChanged());
		assertThatIllegalArgumentException().isThrownBy(() -> EventJson.read(json, CounterChanged.class))
			.withMessageContaining("PresenceChanged");
	}

}
