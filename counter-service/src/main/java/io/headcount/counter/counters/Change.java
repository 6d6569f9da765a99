package io.headcount.counter.counters;

import java.util.Objects;

/**
 * One requested change to one object's counter, as the batch script applies it.
 *
 * @param kind what to do
 * @param field the hash field: {@code likes}, {@code views} or {@code c:<name>} (see
 * {@link CounterField})
 * @param delta signed amount for {@link Kind#ADD} and {@link Kind#VIEW}; ignored for
 * likes; for {@link Kind#STAT} the event's value in millionths ({@link #stat})
 * @param actor the user (JWT subject): liker, viewer, or the scope of an Idempotency-Key
 * @param idempotencyKey null when the client sent none
 * @param timeMs when the change was accepted (decides its time bucket)
 */
public record Change(Kind kind, String field, long delta, String actor, String idempotencyKey, long timeMs) {

	public Change {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(actor, "actor");
	}

	public static Change like(String actor, long timeMs) {
		return new Change(Kind.LIKE, CounterField.LIKES, 1, actor, null, timeMs);
	}

	public static Change unlike(String actor, long timeMs) {
		return new Change(Kind.UNLIKE, CounterField.LIKES, -1, actor, null, timeMs);
	}

	public static Change view(String actor, String idempotencyKey, long timeMs) {
		return new Change(Kind.VIEW, CounterField.VIEWS, 1, actor, idempotencyKey, timeMs);
	}

	public static Change add(String counterName, long delta, String actor, String idempotencyKey, long timeMs) {
		return new Change(Kind.ADD, CounterField.generic(counterName), delta, actor, idempotencyKey, timeMs);
	}

	/**
	 * One event of a statistics type: counted, and its value summed and compared into the
	 * minute, hour and day buckets of {@code timeMs}; it moves no counter.
	 * @param field {@link CounterField#event}
	 * @param micros the value in millionths, exact (the script keeps sums, minima and
	 * maxima in these units)
	 * @param timeMs the event's own time (its buckets)
	 */
	public static Change stat(String field, long micros, String actor, String idempotencyKey, long timeMs) {
		return new Change(Kind.STAT, field, micros, actor, idempotencyKey, timeMs);
	}

	public enum Kind {

		LIKE("L"), UNLIKE("U"), VIEW("V"), ADD("C"), STAT("S");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		/** The kind as the batch script reads it ({@code apply-batch.lua}). */
		public String code() {
			return this.code;
		}

	}

}
