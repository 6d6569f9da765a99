package io.headcount.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's {@code BasicErrorController}: whatever the client accepts (HTML
 * included), an error that reaches {@code /error} (a filter's or the container's
 * {@code sendError}, an exception thrown outside MVC) is answered as a problem detail in
 * the project's own words, never with a Whitelabel page or Boot's error JSON.
 */
@Controller // without it MVC maps none of its methods: errors ended as "No static
			// resource error"
final class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatusCode status = status(request);
		HttpStatus known = HttpStatus.resolve(status.value());
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String detail = status.is5xxServerError() ? "Unexpected error" : detail(status, known);
		ProblemResponses.write(request, response, ProblemResponses.problem(status, title, detail));
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex
				&& hasCause(ex, RequestRejectedException.class)) {
			return HttpStatus.BAD_REQUEST;
		}
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
				&& code <= 599) {
			return HttpStatusCode.valueOf(code);
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
				&& request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR) {
			// a client asking for /error itself: there is no such resource
			return HttpStatus.NOT_FOUND;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	static String detail(HttpStatusCode status, @Nullable HttpStatus known) {
		if (status.is5xxServerError()) {
			return "Unexpected error";
		}
		return switch (status.value()) {
			case 400 -> "The request is malformed";
			case 403 -> "Not allowed";
			case 404 -> "No such resource";
			case 405 -> "The method is not supported here";
			case 406 -> "None of the accepted media types can be produced; accept application/json";
			case 413 -> "The request is too large";
			case 415 -> "The media type is not supported; send application/json";
			case 426 -> "Upgrade required: use a WebSocket version this server supports";
			default -> (known != null) ? known.getReasonPhrase() : "The request was refused";
		};
	}

}
