package io.headcount.waitingroom.rooms;

import java.time.Duration;

/** This client joined more often than the per-client join rate allows. */
class TooManyJoins extends RuntimeException {

	private final Duration retryAfter;

	TooManyJoins(Duration retryAfter) {
		super("Too many joins from this client; retry later");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
