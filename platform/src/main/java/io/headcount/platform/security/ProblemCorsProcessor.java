package io.headcount.platform.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with a refusal (an origin, method or header the endpoint's CORS
 * configuration does not allow) answered 403 as a problem detail like every other
 * refusal: the status only, whose body platform's error-body filter writes, instead of
 * Spring's plain-text "Invalid CORS request".
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

	@Override
	protected void rejectRequest(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.FORBIDDEN);
	}

}
