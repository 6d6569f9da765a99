package io.headcount.statsbatch.archive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.headcount.platform.events.Topics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One archived topic: its Parquet columns and how each is read from an event's JSON.
 * Columns are read by field name from the JSON tree, not through the event records, so an
 * event type or field this build does not know yet is still archived (its whole JSON is
 * kept in {@code json}) and can be reported on later. Instants are stored as epoch
 * milliseconds: integer arithmetic is the same on every engine, timestamp functions are
 * not.
 */
public enum ArchiveTable {

	/** {@code VisitorSessionOpened}, {@code VisitorSessionClosed}. */
	SESSION_EVENTS(Topics.SESSION_EVENTS, Column.text("site_id", "siteId"), Column.text("session_id", "sessionId"),
			Column.text("object_id", "objectId"), Column.bool("bot", "bot"), Column.text("address_hash", "addressHash"),
			Column.number("timeout_millis", "timeoutMillis"), Column.text("reason", "reason"),
			Column.instant("last_activity_ms", "lastActivityAt")),

	/** {@code PresenceChanged}. */
	PRESENCE_EVENTS(Topics.PRESENCE_EVENTS, Column.text("user_id", "userId"), Column.text("status", "status"),
			Column.text("previous_status", "previousStatus"), Column.instant("last_active_ms", "lastActiveAt"),
			Column.text("device_id", "deviceId"), Column.text("reason", "reason")),

	/**
	 * {@code CounterChanged} ({@code value} is the counter after the change) and
	 * {@code EventRecorded} (its decimal {@code value} goes to {@code stat_value}).
	 */
	COUNTER_EVENTS(Topics.COUNTER_EVENTS, Column.text("object_id", "objectId"), Column.text("counter", "counter"),
			Column.number("delta", "delta"), Column.number("value", "value").onlyFor("CounterChanged"),
			Column.text("actor_id", "actorId"), Column.text("idempotency_key", "idempotencyKey"),
			Column.text("event_type", "eventType"), Column.decimal("stat_value", "value").onlyFor("EventRecorded"),
			Column.instant("at_ms", "at")),

	/**
	 * {@code ShopperJoined}, {@code ShopperAdmitted}, {@code ShopperLeft} and later ones.
	 */
	WAITING_ROOM_EVENTS(Topics.WAITING_ROOM_EVENTS, Column.text("room_id", "roomId"), Column.text("user_id", "userId"),
			Column.number("position", "position"), Column.instant("expected_admission_ms", "expectedAdmissionAt"),
			Column.instant("admission_no_later_than_ms", "admissionNoLaterThan"), Column.text("reason", "reason"),
			Column.number("ticket", "ticket"), Column.instant("shopping_ends_ms", "shoppingEndsAt"),
			Column.number("active", "active"), Column.bool("was_active", "wasActive"),
			Column.number("waiting", "waiting"), Column.number("waiting_dropped", "waitingDropped"),
			Column.instant("opens_at_ms", "opensAt"), Column.text("draw_seed", "drawSeed"),
			Column.number("drawn", "drawn"));

	private final String topic;

	private final List<Column> columns;

	ArchiveTable(String topic, Column... specific) {
		this.topic = topic;
		List<Column> all = new ArrayList<>();
		all.add(Column.text("event_id", "eventId"));
		all.add(Column.text("type", "type"));
		all.add(Column.number("version", "version"));
		all.add(Column.instant("occurred_ms", "occurredAt"));
		all.addAll(Arrays.asList(specific));
		all.add(new Column("kafka_partition", Kind.NUMBER, null, null));
		all.add(new Column("kafka_offset", Kind.NUMBER, null, null));
		all.add(new Column("json", Kind.TEXT, null, null));
		this.columns = List.copyOf(all);
	}

	public String topic() {
		return this.topic;
	}

	/** The table (and view) name in report SQL, e.g. {@code session_events}. */
	public String tableName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The directory under the archive root, e.g. {@code session-events}. */
	public String directoryName() {
		return this.topic.substring(this.topic.indexOf('.') + 1);
	}

	public List<Column> columns() {
		return this.columns;
	}

	/** {@code event_id VARCHAR, type VARCHAR, …}, for {@code CREATE TABLE}. */
	public String columnDefinitions() {
		return this.columns.stream()
			.map((column) -> column.name() + " " + column.sqlType())
			.collect(Collectors.joining(", "));
	}

	/** An empty relation with this table's columns, for a day with no files. */
	public String emptySelect() {
		return "SELECT " + this.columns.stream()
			.map((column) -> "CAST(NULL AS " + column.portableType() + ") AS " + column.name())
			.collect(Collectors.joining(", ")) + " WHERE 1 = 0";
	}

	/**
	 * The table of a topic: {@code headcount.session-events}, or any topic ending in
	 * {@code .session-events} (tests and staging prefixes).
	 */
	public static Optional<ArchiveTable> forTopic(String topic) {
		return Arrays.stream(values())
			.filter((table) -> table.topic.equals(topic) || topic.endsWith("." + table.directoryName()))
			.findFirst();
	}

	/**
	 * The row of one event: a value per column, {@code null} where the event has no such
	 * field.
	 */
	public @Nullable Object[] row(JsonNode event, String json, int partition, long offset) {
		@Nullable Object[] row = new Object[this.columns.size()];
		String type = event.path("type").asString("");
		for (int i = 0; i < row.length; i++) {
			Column column = this.columns.get(i);
			row[i] = switch (column.name()) {
				case "kafka_partition" -> (long) partition;
				case "kafka_offset" -> offset;
				case "json" -> json;
				default -> column.read(event, type);
			};
		}
		return row;
	}

	/** The kinds of value a column holds. */
	public enum Kind {

		TEXT("VARCHAR"), NUMBER("BIGINT"), BOOL("BOOLEAN"), INSTANT("BIGINT"), DECIMAL("DECIMAL(18,6)");

		private final String sqlType;

		Kind(String sqlType) {
			this.sqlType = sqlType;
		}

	}

	/**
	 * A column, read from {@code field} of the event's JSON (of events of type
	 * {@code type} only, when set).
	 */
	public record Column(String name, Kind kind, @Nullable String field, @Nullable String type) {

		static Column text(String name, String field) {
			return new Column(name, Kind.TEXT, field, null);
		}

		static Column number(String name, String field) {
			return new Column(name, Kind.NUMBER, field, null);
		}

		static Column bool(String name, String field) {
			return new Column(name, Kind.BOOL, field, null);
		}

		static Column instant(String name, String field) {
			return new Column(name, Kind.INSTANT, field, null);
		}

		static Column decimal(String name, String field) {
			return new Column(name, Kind.DECIMAL, field, null);
		}

		Column onlyFor(String eventType) {
			return new Column(this.name, this.kind, this.field, eventType);
		}

		public String sqlType() {
			return this.kind.sqlType;
		}

		/** The type as both engines' SQL spell it: Spark wants a length for VARCHAR. */
		String portableType() {
			return (this.kind == Kind.TEXT) ? "STRING" : this.kind.sqlType;
		}

		@Nullable Object read(JsonNode event, String eventType) {
			if (this.field == null || (this.type != null && !this.type.equals(eventType))) {
				return null;
			}
			JsonNode node = event.get(this.field);
			if (node == null || node.isNull()) {
				return null;
			}
			return switch (this.kind) {
				case TEXT -> node.asString();
				case NUMBER -> node.canConvertToLong() ? node.asLong() : null;
				case BOOL -> node.isBoolean() ? node.asBoolean() : null;
				case INSTANT -> Instant.parse(node.asString()).toEpochMilli();
				case DECIMAL -> new BigDecimal(node.asString()).setScale(6, java.math.RoundingMode.UNNECESSARY);
			};
		}

	}

}
