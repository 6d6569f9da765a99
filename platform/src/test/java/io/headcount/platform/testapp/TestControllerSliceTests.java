package io.headcount.platform.testapp;

import java.time.Duration;

import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's {@code @WebMvcTest} slice gets the platform's security and problem details
 * too (registered for the slice in {@code META-INF/spring/...WebMvcTest.imports}).
 */
@WebMvcTest(controllers = TestController.class,
		properties = "headcount.security.jwt.hmac-secret=" + TestControllerSliceTests.SECRET)
class TestControllerSliceTests {

	static final String SECRET = "slice-tests-secret-0123456789abcdefghijklmn";

	@Autowired
	MockMvcTester mvc;

	@Test
	void securedAsInProduction() {
		assertThat(this.mvc.get().uri("/v1/me")).hasStatus(401)
			.contentType()
			.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		String token = Tokens.mint(SECRET, "u-slice", Duration.ofMinutes(1));
		assertThat(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.userId")
			.isEqualTo("u-slice");
	}

	@Test
	void errorsAreProblemDetails() {
		String token = Tokens.mint(SECRET, "u-slice", Duration.ofMinutes(1));
		assertThat(this.mvc.get().uri("/v1/things/3").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No thing 3");
	}

}
