package io.headcount.platform.web;

import org.springframework.http.HttpStatus;

/** 409: the request conflicts with the resource's current state. */
public class ConflictException extends ApiException {

	public ConflictException(String detail) {
		super(HttpStatus.CONFLICT, "Conflict", detail);
	}

}
