package io.headcount.counter.counters;

/**
 * An object id, or a list of them, that cannot name an object (ids end up inside Redis
 * keys).
 */
public final class MalformedObjectId extends BadCounterRequest {

	MalformedObjectId(String title, String detail) {
		super(title, detail);
	}

}
