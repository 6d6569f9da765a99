package io.headcount.waitingroom.rooms;

/** A join without the room's proof of work, or with a wrong one. */
class ProofOfWorkRefused extends RuntimeException {

	private final String code;

	ProofOfWorkRefused(String code, String message) {
		super(message);
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
