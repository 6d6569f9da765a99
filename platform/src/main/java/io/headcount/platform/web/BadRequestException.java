package io.headcount.platform.web;

import org.springframework.http.HttpStatus;

/** 400: the request is malformed or breaks a rule the client can fix. */
public class BadRequestException extends ApiException {

	public BadRequestException(String detail) {
		super(HttpStatus.BAD_REQUEST, "Bad Request", detail);
	}

}
