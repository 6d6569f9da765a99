package io.headcount.counter.counters;

/**
 * A request the client can fix (a malformed id, an unknown action, a range too long):
 * nothing was applied. {@link CounterAdvice} answers it with 400; the live WebSocket with
 * an error frame.
 */
public abstract class BadCounterRequest extends RuntimeException {

	private final String title;

	protected BadCounterRequest(String title, String detail) {
		super(detail);
		this.title = title;
	}

	/** A short, fixed summary of the kind of mistake. */
	public String title() {
		return this.title;
	}

	/** What exactly was wrong, for the client. */
	public String detail() {
		String detail = getMessage();
		return (detail != null) ? detail : this.title;
	}

}
