package io.headcount.bench.load;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response at a time from whatever bytes have arrived, however they
 * are split: the status line, the headers that frame the body ({@code Content-Length},
 * {@code Transfer-Encoding: chunked}, {@code Connection: close}), then skips the body
 * without copying it. Interim 1xx responses are skipped, and a response framed by neither
 * header ends when the server closes the connection. Enough for Tomcat and the JDK's
 * server, not a general HTTP client: no pipelining, no upgrades.
 */
final class ResponseParser {

	/**
	 * Lines longer than this are kept only in part: every line the parser reads fits, a
	 * long cookie need not.
	 */
	private static final int KEPT_LINE = 256;

	private enum State {

		STATUS_LINE, HEADER_LINE, BODY, CHUNK_SIZE_LINE, CHUNK_DATA, TRAILER_LINE, BODY_UNTIL_CLOSE, DONE

	}

	private final byte[] line = new byte[KEPT_LINE];

	private int lineLength;

	private State state = State.DONE;

	private boolean bodiless;

	private int status;

	private long contentLength;

	private boolean chunked;

	private boolean close;

	private long remaining;

	/**
	 * Expects the response to a new request; {@code head} when it was a HEAD request,
	 * whose response has no body.
	 */
	void expect(boolean head) {
		this.bodiless = head;
		startResponse();
	}

	private void startResponse() {
		this.state = State.STATUS_LINE;
		this.lineLength = 0;
		this.status = 0;
		this.contentLength = -1;
		this.chunked = false;
		this.close = false;
		this.remaining = 0;
	}

	/**
	 * Consumes {@code in} up to the end of the response at most.
	 * @return whether the response is complete; any bytes after it are left in {@code in}
	 * @throws ProtocolException if the bytes are not an HTTP/1.x response
	 */
	boolean parse(ByteBuffer in) throws ProtocolException {
		while (this.state != State.DONE && in.hasRemaining()) {
			switch (this.state) {
				case BODY, CHUNK_DATA, BODY_UNTIL_CLOSE -> skip(in);
				default -> {
					if (readLine(in)) {
						onLine();
					}
				}
			}
		}
		return this.state == State.DONE;
	}

	/**
	 * The server closed the connection: true when that ends the response (a body framed
	 * by nothing else).
	 */
	boolean endOfStream() {
		if (this.state == State.BODY_UNTIL_CLOSE) {
			this.state = State.DONE;
			return true;
		}
		return this.state == State.DONE;
	}

	/** The status code; meaningful once {@link #parse} returned true. */
	int status() {
		return this.status;
	}

	/** Whether the connection can carry another request after this response. */
	boolean keepAlive() {
		return !this.close;
	}

	private void skip(ByteBuffer in) {
		if (this.state == State.BODY_UNTIL_CLOSE) {
			in.position(in.limit());
			return;
		}
		int skipped = (int) Math.min(this.remaining, in.remaining());
		in.position(in.position() + skipped);
		this.remaining -= skipped;
		if (this.remaining == 0) {
			this.state = (this.state == State.BODY) ? State.DONE : State.CHUNK_SIZE_LINE;
		}
	}

	/**
	 * Appends bytes to the current line; true when it is complete (its CR LF or LF
	 * dropped).
	 */
	private boolean readLine(ByteBuffer in) {
		while (in.hasRemaining()) {
			byte b = in.get();
			if (b == '\n') {
				if (this.lineLength > 0 && this.lineLength <= KEPT_LINE && this.line[this.lineLength - 1] == '\r') {
					this.lineLength--;
				}
				return true;
			}
			if (this.lineLength < KEPT_LINE) {
				this.line[this.lineLength] = b;
			}
			this.lineLength++;
		}
		return false;
	}

	private void onLine() throws ProtocolException {
		int length = Math.min(this.lineLength, KEPT_LINE);
		this.lineLength = 0;
		switch (this.state) {
			case STATUS_LINE -> statusLine(length);
			case HEADER_LINE -> {
				if (length == 0) {
					endOfHeaders();
				}
				else {
					header(length);
				}
			}
			case CHUNK_SIZE_LINE -> chunkSize(length);
			case TRAILER_LINE -> {
				if (length == 0) {
					this.state = State.DONE;
				}
			}
			default -> throw new IllegalStateException(this.state.name());
		}
	}

	private void statusLine(int length) throws ProtocolException {
		// "HTTP/1.1 200 OK": the reason phrase may be empty or missing
		if (length < 12 || !startsWith("HTTP/1.", length) || this.line[8] != ' ' || !isDigit(this.line[9])
				|| !isDigit(this.line[10]) || !isDigit(this.line[11]) || (length > 12 && this.line[12] != ' ')) {
			throw new ProtocolException("not an HTTP/1.x status line: " + text(0, length));
		}
		this.status = (this.line[9] - '0') * 100 + (this.line[10] - '0') * 10 + (this.line[11] - '0');
		this.close = this.line[7] == '0';
		this.state = State.HEADER_LINE;
	}

	private void header(int length) throws ProtocolException {
		int colon = 0;
		while (colon < length && this.line[colon] != ':') {
			colon++;
		}
		if (colon == length) {
			throw new ProtocolException("not a header line: " + text(0, length));
		}
		// compared in place: most headers (Date, Content-Type, Keep-Alive) are skipped
		// without a String
		if (nameIs("content-length", colon)) {
			String value = text(colon + 1, length).trim();
			try {
				this.contentLength = Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new ProtocolException("bad Content-Length: " + value);
			}
		}
		else if (nameIs("transfer-encoding", colon)) {
			this.chunked = text(colon + 1, length).toLowerCase(Locale.ROOT).contains("chunked");
		}
		else if (nameIs("connection", colon)) {
			String value = text(colon + 1, length).toLowerCase(Locale.ROOT);
			this.close = value.contains("close") || (this.close && !value.contains("keep-alive"));
		}
	}

	private boolean nameIs(String lowerCaseName, int length) {
		if (length != lowerCaseName.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			byte b = this.line[i];
			if (((b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b) != lowerCaseName.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private void endOfHeaders() {
		if (this.status / 100 == 1 && this.status != 101) {
			startResponse();
		}
		else if (this.bodiless || this.status == 204 || this.status == 304) {
			this.state = State.DONE;
		}
		else if (this.chunked) {
			this.state = State.CHUNK_SIZE_LINE;
		}
		else if (this.contentLength >= 0) {
			this.remaining = this.contentLength;
			this.state = (this.remaining == 0) ? State.DONE : State.BODY;
		}
		else {
			this.close = true;
			this.state = State.BODY_UNTIL_CLOSE;
		}
	}

	private void chunkSize(int length) throws ProtocolException {
		long size = 0;
		int digits = 0;
		while (digits < length && Character.digit(this.line[digits], 16) >= 0) {
			if (digits == 15) {
				throw new ProtocolException("chunk too large: " + text(0, length));
			}
			size = size * 16 + Character.digit(this.line[digits], 16);
			digits++;
		}
		if (digits == 0) {
			throw new ProtocolException("not a chunk size: " + text(0, length));
		}
		if (size == 0) {
			this.state = State.TRAILER_LINE;
		}
		else {
			// the data and the CR LF after it
			this.remaining = size + 2;
			this.state = State.CHUNK_DATA;
		}
	}

	private boolean startsWith(String prefix, int length) {
		if (length < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (this.line[i] != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private String text(int from, int to) {
		return new String(this.line, from, to - from, StandardCharsets.ISO_8859_1);
	}

}
