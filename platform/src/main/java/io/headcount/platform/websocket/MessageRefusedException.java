package io.headcount.platform.websocket;

/**
 * A valid message the service refuses (too many subscriptions, a bad id inside it):
 * thrown from {@link JsonWebSocketHandler#onMessage}, it is answered with an error frame
 * {@code {"type":"error","code":"...","detail":"..."}} and the connection stays open.
 */
public class MessageRefusedException extends RuntimeException {

	private final String code;

	/**
	 * @param code what went wrong, in kebab case, for clients to act on (e.g.
	 * {@code too-many-subscriptions})
	 * @param detail for people: what was wrong and what is allowed
	 */
	public MessageRefusedException(String code, String detail) {
		super(detail, null, false, false);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
