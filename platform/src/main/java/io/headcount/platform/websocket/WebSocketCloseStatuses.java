package io.headcount.platform.websocket;

import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.CloseStatus;

/** A close frame's reason may hold at most 123 bytes of UTF-8 (RFC 6455, 5.5). */
final class WebSocketCloseStatuses {

	static final int MAX_REASON_BYTES = 123;

	private WebSocketCloseStatuses() {
	}

	static CloseStatus withSafeReason(CloseStatus status) {
		String reason = status.getReason();
		if (reason == null || reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
			return status;
		}
		StringBuilder cut = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < reason.length();) {
			int codePoint = reason.codePointAt(i);
			int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + length > MAX_REASON_BYTES) {
				break;
			}
			cut.appendCodePoint(codePoint);
			bytes += length;
			i += Character.charCount(codePoint);
		}
		return new CloseStatus(status.getCode(), cut.toString());
	}

}
