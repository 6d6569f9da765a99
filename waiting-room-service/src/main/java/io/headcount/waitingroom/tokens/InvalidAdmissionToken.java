package io.headcount.waitingroom.tokens;

/** A token that is not a valid admission token of this service (the message says why). */
class InvalidAdmissionToken extends Exception {

	InvalidAdmissionToken(String reason) {
		super(reason);
	}

}
