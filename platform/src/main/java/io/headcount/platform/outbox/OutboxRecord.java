package io.headcount.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One record of an outbox stream and what the relay makes of it. A service's Lua script
 * writes a record with {@code XADD <stream> * topic <t> key <k> ts <ms> payload <json>}
 * in the same call as the state change it reports; the payload is the event's JSON
 * without {@code eventId} and {@code occurredAt}, which the relay adds: {@code eventId}
 * from the stream and the entry id (so a record sent twice carries the same id), and
 * {@code occurredAt} from {@code ts}.
 */
public final class OutboxRecord {

	/** Field: the Kafka topic. */
	public static final String TOPIC = "topic";

	/** Field: the Kafka record key, the entity whose events stay in order. */
	public static final String KEY = "key";

	/** Field: when it happened, epoch milliseconds. */
	public static final String TS = "ts";

	/** Field: the event's JSON object, without eventId and occurredAt. */
	public static final String PAYLOAD = "payload";

	private OutboxRecord() {
	}

	/**
	 * The event id of the entry {@code entryId} of {@code stream}: a name-based UUID, so
	 * consumers keep deduplicating on a UUID, and the same entry always gets the same id.
	 */
	public static String eventId(String stream, String entryId) {
		return UUID.nameUUIDFromBytes((stream + "/" + entryId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * The Kafka value: the payload with {@code eventId} and {@code occurredAt} in front.
	 */
	static String kafkaValue(String eventId, long tsMillis, String payload) {
		if (payload.length() < 2 || payload.charAt(0) != '{') {
			throw new IllegalArgumentException("An outbox payload must be a JSON object: " + payload);
		}
		StringBuilder value = new StringBuilder(payload.length() + 90).append("{\"eventId\":\"")
			.append(eventId)
			.append("\",\"occurredAt\":\"")
			.append(Instant.ofEpochMilli(tsMillis))
			.append('"');
		String rest = payload.substring(1).strip();
		if (!rest.equals("}")) {
			value.append(',');
		}
		return value.append(rest).toString();
	}

	/** The milliseconds part of a stream entry id ({@code <ms>-<seq>}). */
	static long millisOf(String entryId) {
		int dash = entryId.indexOf('-');
		return Long.parseLong((dash < 0) ? entryId : entryId.substring(0, dash));
	}

	/**
	 * The smallest id after {@code entryId}: XTRIM MINID with it deletes up to entryId.
	 */
	static String after(String entryId) {
		int dash = entryId.indexOf('-');
		long seq = Long.parseLong(entryId.substring(dash + 1));
		return entryId.substring(0, dash) + "-" + (seq + 1);
	}

}
