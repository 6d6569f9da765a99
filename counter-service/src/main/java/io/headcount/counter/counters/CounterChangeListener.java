package io.headcount.counter.counters;

/**
 * Told about every change after Redis confirmed it, on the request's thread; must not
 * block.
 */
public interface CounterChangeListener {

	void applied(AppliedChange change);

}
