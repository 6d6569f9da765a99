package io.headcount.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A domain event. Serialized as JSON with a {@code type} (the record's simple name) and a
 * {@code version}, so that consumers (stats-batch, other services) can evolve
 * independently: a record gains optional fields within a version, and a new version when
 * a field changes meaning. Readers ignore fields they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = PresenceChanged.class, name = "PresenceChanged"),
		@JsonSubTypes.Type(value = VisitorSessionOpened.class, name = "VisitorSessionOpened"),
		@JsonSubTypes.Type(value = VisitorSessionClosed.class, name = "VisitorSessionClosed"),
		@JsonSubTypes.Type(value = CounterChanged.class, name = "CounterChanged"),
		@JsonSubTypes.Type(value = EventRecorded.class, name = "EventRecorded"),
		@JsonSubTypes.Type(value = CounterBucketRepaired.class, name = "CounterBucketRepaired"),
		@JsonSubTypes.Type(value = ShopperJoined.class, name = "ShopperJoined"),
		@JsonSubTypes.Type(value = ShopperAdmitted.class, name = "ShopperAdmitted"),
		@JsonSubTypes.Type(value = ShopperLeft.class, name = "ShopperLeft"),
		@JsonSubTypes.Type(value = ShopperEvicted.class, name = "ShopperEvicted"),
		@JsonSubTypes.Type(value = ShopperRejected.class, name = "ShopperRejected"),
		@JsonSubTypes.Type(value = RoomSoldOut.class, name = "RoomSoldOut"),
		@JsonSubTypes.Type(value = RoomOpened.class, name = "RoomOpened") })
@JsonIgnoreProperties(value = "version", allowGetters = true, ignoreUnknown = true)
public sealed interface HeadcountEvent permits PresenceChanged, VisitorSessionOpened, VisitorSessionClosed,
		CounterChanged, EventRecorded, CounterBucketRepaired, ShopperJoined, ShopperAdmitted, ShopperLeft,
		ShopperEvicted, ShopperRejected, RoomSoldOut, RoomOpened {

	/** Unique per event (a UUID); consumers deduplicate on it. */
	String eventId();

	/** When it happened, by the clock of the instance (or Redis) that decided it. */
	Instant occurredAt();

	/** The Kafka record key: the entity whose events must stay in order. */
	String key();

	/** The Kafka topic this event belongs on. */
	String topic();

	/** Schema version of this record's JSON form; bumped when a field changes meaning. */
	@JsonProperty("version")
	default int version() {
		return 1;
	}

}
