package io.headcount.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report (an HTML page) for errors it answers itself, below Spring:
 * {@code %00} or an encoded slash in a path, a request it cannot map, {@code CONNECT}
 * (Tomcat's 501, answered as the 405 it is to a client). Written as the same problem
 * detail the services answer with. Public with a no-argument constructor because Tomcat
 * instantiates it by class name.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
			// Tomcat's answer to CONNECT: a method no endpoint serves is the client's
			// mistake, as for any other method an endpoint does not take
			status = HttpStatus.METHOD_NOT_ALLOWED.value();
			response.setStatus(status);
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String detail = (status >= 500) ? "Unexpected error"
				: (status == 405) ? "The method is not supported here" : "The request is malformed";
		String body = "{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response committed: nothing left to tell it
		}
	}

}
