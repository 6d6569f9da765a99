package io.headcount.platform.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.ValueInstantiationException;
import io.headcount.platform.web.StrictJson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Base for an endpoint that speaks JSON text frames. A subclass gets each incoming frame
 * parsed as {@code M} (a record, or a sealed interface with {@code @JsonTypeInfo} for
 * several message kinds) and a {@link LiveSession} to answer on. Protocol errors close
 * the connection, application refusals ({@link MessageRefusedException}) are answered
 * with an error frame, as the package documentation describes.
 *
 * @param <M> the incoming message type
 */
public abstract class JsonWebSocketHandler<M> extends AbstractWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(JsonWebSocketHandler.class);

	private final Class<M> messageType;

	private final WebSocketSessions sessions;

	private final JsonMapper json;

	protected JsonWebSocketHandler(Class<M> messageType, WebSocketSessions sessions, JsonMapper json) {
		this.messageType = messageType;
		this.sessions = sessions;
		this.json = json;
	}

	/** A new authenticated connection. */
	protected void onOpen(LiveSession session) throws Exception {
	}

	/**
	 * A complete, parsed message. Throwing {@link MessageRefusedException} answers with
	 * an error frame and keeps the connection; throwing anything else closes it with
	 * 1011.
	 */
	protected abstract void onMessage(LiveSession session, M message) throws Exception;

	/** The connection is gone (any reason); release what the session held. */
	protected void onClose(LiveSession session, CloseStatus status) throws Exception {
	}

	/**
	 * Fragments, so that Tomcat's per-connection buffers can stay small:
	 * {@link LiveSession} assembles them up to {@code max-text-message-size}.
	 */
	@Override
	public final boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public final void afterConnectionEstablished(WebSocketSession session) throws Exception {
		onOpen(this.sessions.open(session));
	}

	@Override
	protected final void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		LiveSession live = this.sessions.get(session.getId());
		if (live == null) {
			return;
		}
		String text = live.assemble(message.getPayload(), message.isLast());
		if (text == null) {
			return;
		}
		M parsed;
		try {
			parsed = this.json.readValue(text, this.messageType);
		}
		catch (DatabindException ex) {
			live.close(CloseStatus.NOT_ACCEPTABLE.withReason("unsupported message" + where(ex)));
			return;
		}
		catch (StreamConstraintsException ex) {
			live.close(CloseStatus.BAD_DATA
				.withReason("JSON nested deeper than " + StrictJson.MAX_NESTING_DEPTH + " levels or number too long"));
			return;
		}
		catch (JacksonException ex) {
			// malformed JSON, whatever the parser's exception; never 1011
			live.close(CloseStatus.BAD_DATA.withReason("invalid JSON"));
			return;
		}
		if (parsed == null) {
			live.close(CloseStatus.NOT_ACCEPTABLE.withReason("unsupported message: null"));
			return;
		}
		try {
			onMessage(live, parsed);
		}
		catch (MessageRefusedException ex) {
			live.sendError(ex.code(), ex.getMessage());
		}
	}

	/** The JSON path of a value of the wrong type, in the project's words. */
	private static String where(DatabindException ex) {
		if (ex instanceof ValueInstantiationException && ex.getCause() instanceof IllegalArgumentException bad
				&& bad.getMessage() != null) {
			// a creator's own message, e.g. an unknown status: the project's words
			return ": " + bad.getMessage();
		}
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? ": unknown type or wrong shape" : ": invalid value at '" + path + "'";
	}

	@Override
	protected final void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		LiveSession live = this.sessions.get(session.getId());
		if (live != null) {
			live.close(CloseStatus.NOT_ACCEPTABLE.withReason("binary frames are not supported; send JSON text"));
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("WebSocket transport error on {}: {}", session.getId(), exception.toString());
	}

	@Override
	public final void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
		LiveSession live = this.sessions.closed(session);
		if (live != null) {
			onClose(live, status);
		}
	}

}
