package io.headcount.counter.counters;

import java.time.Instant;

/**
 * What the batch script answered for one {@link Change}, after Redis applied (or refused)
 * it.
 *
 * @param status applied, unchanged, replayed or rejected
 * @param count the counter after this change
 * @param updatedAt when the counter last changed (null if never)
 * @param liked the like state after the change, null for other kinds
 * @param version the object's change version (increments with every applied change to any
 * counter)
 */
public record ChangeResult(Status status, long count, Instant updatedAt, Boolean liked, long version) {

	public enum Status {

		/** The change moved the counter. */
		APPLIED,
		/** Nothing to do: already liked, or unliking what is not liked. */
		UNCHANGED,
		/**
		 * An Idempotency-Key seen within its TTL: nothing applied, first response
		 * returned.
		 */
		REPLAYED,
		/** Would take a counter below zero: nothing applied. */
		REJECTED;

		static Status of(long code) {
			return switch ((int) code) {
				case 0 -> UNCHANGED;
				case 1 -> APPLIED;
				case 2 -> REPLAYED;
				case 3 -> REJECTED;
				default -> throw new IllegalStateException("Unknown status " + code);
			};
		}

	}

	/** From the batch script's five integers for one change. */
	public static ChangeResult of(long status, long count, long updatedMs, long liked, long version) {
		return new ChangeResult(Status.of(status), count, updatedMs > 0 ? Instant.ofEpochMilli(updatedMs) : null,
				liked < 0 ? null : liked == 1, version);
	}

}
