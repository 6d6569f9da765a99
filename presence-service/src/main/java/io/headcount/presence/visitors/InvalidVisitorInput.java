package io.headcount.presence.visitors;

/** A site id, session id, object id or site configuration that is not acceptable: 400. */
class InvalidVisitorInput extends RuntimeException {

	InvalidVisitorInput(String message) {
		super(message);
	}

}
