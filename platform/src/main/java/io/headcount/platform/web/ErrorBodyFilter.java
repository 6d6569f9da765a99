package io.headcount.platform.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem detail to an error answer that would go out without a body: the ones
 * that set a status and nothing else, such as actuator's 404 for an unknown health
 * component or the WebSocket handshake's 405 and 403. Only a flag per response: an answer
 * whose code asked for its output stream or writer is left as it is.
 */
final class ErrorBodyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BodylessErrors watched = new BodylessErrors(request, response);
		chain.doFilter(request, watched);
		watched.fill();
	}

	/** Not on error dispatches: the error controller always writes a body. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	private static final class BodylessErrors extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private boolean body;

		BodylessErrors(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.body = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.body = true;
			return super.getWriter();
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			// the error controller writes it
			this.body = true;
			super.sendError(status, message);
		}

		@Override
		public void sendError(int status) throws IOException {
			this.body = true;
			super.sendError(status);
		}

		@Override
		public void flushBuffer() throws IOException {
			fill();
			super.flushBuffer();
		}

		void fill() throws IOException {
			int status = getStatus();
			if (this.body || status < 400 || isCommitted()) {
				return;
			}
			this.body = true;
			HttpStatus known = HttpStatus.resolve(status);
			ProblemResponses.write(this.request, (HttpServletResponse) getResponse(),
					ProblemResponses.problem(HttpStatusCode.valueOf(status),
							(known != null) ? known.getReasonPhrase() : "Error",
							ProblemErrorController.detail(HttpStatusCode.valueOf(status), known)));
		}

	}

}
