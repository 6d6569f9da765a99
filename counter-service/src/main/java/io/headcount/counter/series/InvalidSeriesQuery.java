package io.headcount.counter.series;

import io.headcount.counter.counters.BadCounterRequest;

/**
 * A series, total or statistics read asked for an unknown step or a range that is empty
 * or too long.
 */
final class InvalidSeriesQuery extends BadCounterRequest {

	InvalidSeriesQuery(String title, String detail) {
		super(title, detail);
	}

}
