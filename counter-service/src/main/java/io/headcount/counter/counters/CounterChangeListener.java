package io.headcount.counter.counters;

/** Told about every change after Redis confirmed it; must not block (runs on the Redis I/O thread). */
public interface CounterChangeListener {

	void applied(AppliedChange change);

}
