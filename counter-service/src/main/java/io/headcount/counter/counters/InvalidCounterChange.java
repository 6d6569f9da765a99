package io.headcount.counter.counters;

/**
 * A change the service cannot carry out as asked: a malformed counter name or key, an
 * unknown action, a delta out of range.
 */
public final class InvalidCounterChange extends BadCounterRequest {

	InvalidCounterChange(String title, String detail) {
		super(title, detail);
	}

}
