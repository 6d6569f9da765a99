package io.headcount.presence.status;

/** More user ids than one query or one connection may name. */
public final class TooManyUserIds extends InvalidUserIds {

	private final int max;

	public TooManyUserIds(int max, int asked) {
		super("at most " + max + " users, got " + asked);
		this.max = max;
	}

	public int max() {
		return this.max;
	}

}
