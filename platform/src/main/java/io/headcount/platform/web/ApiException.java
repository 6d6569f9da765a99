package io.headcount.platform.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a service reports to its client: rendered as an RFC 9457 problem detail with
 * this status, title and detail. Prefer the specific subclasses.
 */
public class ApiException extends ErrorResponseException {

	public ApiException(HttpStatusCode status, String title, String detail) {
		this(status, title, detail, null);
	}

	public ApiException(HttpStatusCode status, String title, String detail, @Nullable Throwable cause) {
		super(status, problem(status, title, detail), cause);
	}

	private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	public String getTitle() {
		String title = getBody().getTitle();
		return (title != null) ? title : "";
	}

	public String getDetail() {
		String detail = getBody().getDetail();
		return (detail != null) ? detail : "";
	}

	@Override
	public String getMessage() {
		return getStatusCode().value() + " " + getTitle() + ": " + getDetail();
	}

}
