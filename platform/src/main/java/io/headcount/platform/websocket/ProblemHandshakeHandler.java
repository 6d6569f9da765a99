package io.headcount.platform.websocket;

import java.io.IOException;

import io.headcount.platform.web.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake, with its refusals of a request that is no WebSocket upgrade (a
 * plain {@code GET /ws/...}) answered as a problem detail instead of a line of text. Its
 * status-only refusals (405, 403, 426) get theirs from platform's error-body filter.
 */
final class ProblemHandshakeHandler extends DefaultHandshakeHandler {

	ProblemHandshakeHandler(RequestUpgradeStrategy upgrade) {
		super(upgrade);
	}

	@Override
	protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		refuse(request, response);
	}

	@Override
	protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		refuse(request, response);
	}

	private static void refuse(ServerHttpRequest request, ServerHttpResponse response) throws IOException {
		if (request instanceof ServletServerHttpRequest servletRequest
				&& response instanceof ServletServerHttpResponse servletResponse) {
			ProblemResponses.write(servletRequest.getServletRequest(), servletResponse.getServletResponse(),
					ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request",
							"This is a WebSocket endpoint: send a WebSocket upgrade (Upgrade: websocket, Connection: Upgrade)"));
		}
		else {
			response.setStatusCode(HttpStatus.BAD_REQUEST);
		}
	}

}
