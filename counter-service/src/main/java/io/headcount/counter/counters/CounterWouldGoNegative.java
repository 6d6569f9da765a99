package io.headcount.counter.counters;

/**
 * A decrement the batch script refused because it would take a counter below zero;
 * nothing was applied.
 */
public final class CounterWouldGoNegative extends RuntimeException {

	private final String counter;

	private final long count;

	private final long decrement;

	CounterWouldGoNegative(String counter, long count, long decrement) {
		super("'" + counter + "' is " + count + "; decrementing by " + decrement
				+ " would make it negative. Nothing was applied.");
		this.counter = counter;
		this.count = count;
		this.decrement = decrement;
	}

	public String counter() {
		return this.counter;
	}

	public long count() {
		return this.count;
	}

	public long decrement() {
		return this.decrement;
	}

}
