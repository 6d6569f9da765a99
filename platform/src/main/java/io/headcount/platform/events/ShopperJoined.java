package io.headcount.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A shopper joined a waiting room's queue (a rejoin keeps the place and publishes
 * nothing).
 *
 * @param userId the shopper (JWT {@code sub})
 * @param position 1-based place in the queue when joining, {@code 0} when admitted
 * straight away; with {@code occurredAt} it lets the batch audit FIFO order
 * @param expectedAdmissionAt the EWT's expected value given to the shopper
 * ({@code occurredAt} when admitted straight away)
 * @param admissionNoLaterThan the EWT's guaranteed upper bound given to the shopper
 * @param ticket the place's ticket: admissions follow tickets in ascending order
 */
public record ShopperJoined(String eventId, Instant occurredAt, String roomId, String userId, long position,
		@Nullable Instant expectedAdmissionAt, @Nullable Instant admissionNoLaterThan,
		@Nullable Long ticket) implements HeadcountEvent {

	public ShopperJoined(String eventId, Instant occurredAt, String roomId, String userId, long position,
			@Nullable Instant expectedAdmissionAt, @Nullable Instant admissionNoLaterThan) {
		this(eventId, occurredAt, roomId, userId, position, expectedAdmissionAt, admissionNoLaterThan, null);
	}

	@Override
	public String key() {
		return this.roomId;
	}

	@Override
	public String topic() {
		return Topics.WAITING_ROOM_EVENTS;
	}

}
