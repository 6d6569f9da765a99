package io.headcount.platform.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose shape no handler could read, before Spring Security and MVC see
 * them: a query string with broken percent-encoding, too many or too long parameters
 * (Tomcat would otherwise fail while parsing it, deep inside a handler, as a 500), and a
 * {@code Content-Type} that is a wildcard or unparseable (415), an {@code Accept} that is
 * no list of media types (406). Limits are in docs/limits.md.
 */
final class RequestShapeFilter extends OncePerRequestFilter {

	private final long maxQueryLength;

	static final int MAX_PARAMETERS = 100;

	/**
	 * @param maxQueryLength longest query string taken (Tomcat's request-head limit
	 * unless a service sets less)
	 */
	RequestShapeFilter(long maxQueryLength) {
		this.maxQueryLength = maxQueryLength;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = queryRefusal(request.getQueryString(), this.maxQueryLength);
		if (refusal != null) {
			ProblemResponses.write(request, response,
					ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request", refusal));
			return;
		}
		if (!acceptableContentType(request.getContentType())) {
			ProblemResponses.write(request, response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Unsupported Media Type", "Content-Type must name one concrete media type, e.g. application/json"));
			return;
		}
		if (!parseableAccept(request.getHeaders(HttpHeaders.ACCEPT))) {
			// MVC would refuse it too, but then fail to render its own refusal (it
			// negotiates the error body against the same header): an empty 406
			ProblemResponses.write(request, response, ProblemResponses.problem(HttpStatus.NOT_ACCEPTABLE,
					"Not Acceptable", "Accept must be a list of media types, e.g. application/json"));
			return;
		}
		chain.doFilter(request, response);
	}

	/** Not on error dispatches: the error controller must always be able to answer. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/** Why the query string is refused, or {@code null} when it is well formed. */
	static @Nullable String queryRefusal(@Nullable String query, long maxQueryLength) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		if (query.length() > maxQueryLength) {
			return "The query string is longer than " + maxQueryLength + " characters";
		}
		int parameters = 1;
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '=' && (i == 0 || query.charAt(i - 1) == '&')) {
				// Tomcat refuses a parameter without a name while a handler reads it
				return "A query parameter has no name";
			}
			if (c == '&') {
				if (++parameters > MAX_PARAMETERS) {
					return "More than " + MAX_PARAMETERS + " query parameters";
				}
			}
			else if (c == '%') {
				if (i + 2 >= query.length() || hex(query.charAt(i + 1)) < 0 || hex(query.charAt(i + 2)) < 0) {
					return "The query string has an invalid percent-encoding";
				}
				if (hex(query.charAt(i + 1)) == 0 && hex(query.charAt(i + 2)) == 0) {
					return "The query string contains a NUL character";
				}
			}
			else if (c < 0x20 || c == 0x7f) {
				return "The query string contains a control character";
			}
		}
		return utf8Refusal(query);
	}

	/** Percent-encoded bytes must form UTF-8, the only encoding the services read. */
	private static @Nullable String utf8Refusal(String query) {
		try {
			byte[] bytes = percentBytes(query);
			java.nio.charset.StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes));
			return null;
		}
		catch (IllegalArgumentException | java.nio.charset.CharacterCodingException ex) {
			return "The query string is not valid UTF-8";
		}
	}

	private static byte[] percentBytes(String query) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				bytes.write(hex(query.charAt(i + 1)) * 16 + hex(query.charAt(i + 2)));
				i += 2;
			}
			else {
				byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
				bytes.write(raw, 0, raw.length);
			}
		}
		return bytes.toByteArray();
	}

	private static int hex(char c) {
		return Character.digit(c, 16);
	}

	static boolean parseableAccept(@Nullable Enumeration<String> accepts) {
		if (accepts == null) {
			return true;
		}
		while (accepts.hasMoreElements()) {
			try {
				MediaType.parseMediaTypes(accepts.nextElement());
			}
			catch (InvalidMediaTypeException ex) {
				return false;
			}
		}
		return true;
	}

	static boolean acceptableContentType(@Nullable String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
