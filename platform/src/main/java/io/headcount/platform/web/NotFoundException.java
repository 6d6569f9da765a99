package io.headcount.platform.web;

import org.springframework.http.HttpStatus;

/** 404: no such resource. */
public class NotFoundException extends ApiException {

	public NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, "Not Found", detail);
	}

}
