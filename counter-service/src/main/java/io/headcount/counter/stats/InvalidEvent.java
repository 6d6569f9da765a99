package io.headcount.counter.stats;

import io.headcount.counter.counters.BadCounterRequest;

/**
 * An event or a statistics read the service refuses as asked (a malformed type, a value
 * out of range, an event time outside the window, an unknown function, too many events):
 * nothing was applied.
 */
final class InvalidEvent extends BadCounterRequest {

	InvalidEvent(String title, String detail) {
		super(title, detail);
	}

}
