package io.headcount.presence.status;

/**
 * A list of user ids presence cannot work with: empty, too long, or with a blank or
 * over-long id.
 */
public class InvalidUserIds extends RuntimeException {

	public InvalidUserIds(String detail) {
		super(detail, null, false, false);
	}

}
