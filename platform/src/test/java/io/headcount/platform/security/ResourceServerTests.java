package io.headcount.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.headcount.platform.testapp.PlatformTestApplication;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource server and the problem details, through the whole filter chain and MVC, on
 * a tiny test controller (no server, no Redis or Kafka needed).
 */
@SpringBootTest(classes = PlatformTestApplication.class,
		properties = { "headcount.security.jwt.hmac-secret=" + ResourceServerTests.SECRET,
				"headcount.rate-limit.writes-per-second=0.1", "headcount.rate-limit.burst=3",
				"headcount.security.public-paths=/v1/public/**", "headcount.events.create-topics=false",
				"management.influx.metrics.export.enabled=false", "headcount.fleet-gauges.enabled=false" })
@AutoConfigureMockMvc
class ResourceServerTests {

	static final String SECRET = "resource-server-tests-secret-0123456789abcdef";

	@Autowired
	MockMvcTester mvc;

	@Test
	void validTokenReachesTheControllerAsItsSubject() {
		assertThat(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, bearer("u-42"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.userId")
			.isEqualTo("u-42");
	}

	@Test
	void missingTokenIs401ProblemDetail() {
		MvcTestResult result = this.mvc.get().uri("/v1/me").exchange();
		assertProblem(result, 401, "Unauthorized");
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	@Test
	void expiredTokenIs401ProblemDetail() {
		String expired = Tokens.mint(SECRET, "u-1", Duration.ofMinutes(-5));
		MvcTestResult result = this.mvc.get()
			.uri("/v1/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
			.exchange();
		assertProblem(result, 401, "Unauthorized");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("expired");
	}

	/** Each claim rule of {@link HeadcountTokenValidator} refuses the token (401). */
	@ParameterizedTest
	@ValueSource(strings = { "no-sub", "blank-sub", "long-sub", "control-sub", "no-exp", "future-nbf", "future-iat",
			"old-exp" })
	void tokenBreakingAClaimRuleIs401ProblemDetail(String rule) {
		Instant now = Instant.now();
		String token = Tokens.sign(SECRET, (claims) -> {
			claims.subject("u-1").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
			switch (rule) {
				case "no-sub" -> claims.subject(null);
				case "blank-sub" -> claims.subject(" ");
				case "long-sub" -> claims.subject("u".repeat(HeadcountTokenValidator.MAX_SUBJECT_LENGTH + 1));
				case "control-sub" -> claims.subject("u\u0001");
				case "no-exp" -> claims.expirationTime(null);
				case "future-nbf" -> claims.notBeforeTime(Date.from(now.plusSeconds(120)));
				case "future-iat" -> claims.issueTime(Date.from(now.plusSeconds(120)));
				case "old-exp" ->
					claims.issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(60)));
				default -> throw new IllegalArgumentException(rule);
			}
		});
		assertProblem(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange(), 401,
				"Unauthorized");
	}

	@Test
	void clockSkewAcceptsSlightlyFutureTimes() {
		Instant now = Instant.now();
		String token = Tokens.sign(SECRET,
				(claims) -> claims.subject("u-1")
					.issueTime(Date.from(now.plusSeconds(10)))
					.notBeforeTime(Date.from(now.plusSeconds(10)))
					.expirationTime(Date.from(now.plusSeconds(300))));
		assertThat(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer  %s", "Bearer %s ", "Bearer\t%s", "Bearer%s", "Basic %s", "Bearer %s,x" })
	void oddAuthorizationHeadersAre401(String format) {
		assertThat(this.mvc.get()
			.uri("/v1/me")
			.header(HttpHeaders.AUTHORIZATION, format.formatted(Tokens.mint(SECRET, "u-1", Duration.ofMinutes(5))))
			.exchange()
			.getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	void tokenSignedWithAnotherSecretIs401ProblemDetail() {
		String forged = Tokens.mint("another-secret-another-secret-0123456789", "u-1", Duration.ofMinutes(5));
		assertProblem(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange(),
				401, "Unauthorized");
	}

	@Test
	void garbageTokenIs401ProblemDetail() {
		assertProblem(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt").exchange(),
				401, "Unauthorized");
	}

	@Test
	void adminPathsNeedTheAdminScope() {
		assertProblem(this.mvc.get()
			.uri("/v1/admin/stats")
			.header(HttpHeaders.AUTHORIZATION, bearer("u-1", "read"))
			.exchange(), 403, "Forbidden");
		assertThat(this.mvc.get().uri("/v1/admin/stats").header(HttpHeaders.AUTHORIZATION, bearer("u-1", "admin")))
			.hasStatusOk();
	}

	@Test
	void actuatorBeyondHealthNeedsTheAdminScope() {
		assertProblem(
				this.mvc.get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, bearer("u-1")).exchange(),
				403, "Forbidden");
		assertThat(this.mvc.get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, bearer("u-1", "admin")))
			.hasStatusOk();
	}

	@Test
	void healthAndApiDocsArePublic() {
		assertThat(this.mvc.get().uri("/actuator/health/liveness")).hasStatusOk();
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk();
	}

	@Test
	void healthDetailsOnlyForAdmins() {
		assertThat(this.mvc.get().uri("/actuator/health")).bodyJson().doesNotHavePath("$.components.diskSpace.details");
		assertThat(this.mvc.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, bearer("ops", "admin")))
			.bodyJson()
			.extractingPath("$.components.diskSpace.details")
			.isNotNull();
	}

	@Test
	void configuredPublicPathsNeedNoToken() {
		// public, but nothing is mapped there: a 404 problem rather than a 401
		assertProblem(this.mvc.get().uri("/v1/public/nothing").exchange(), 404, "Not Found");
	}

	@Test
	void accessTokenQueryParameterOnlyOnWebSocketPaths() {
		String token = Tokens.mint(SECRET, "u-ws", Duration.ofMinutes(5));
		assertThat(this.mvc.get().uri("/ws/me").param("access_token", token)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.userId")
			.isEqualTo("u-ws");
		assertProblem(this.mvc.get().uri("/v1/me").param("access_token", token).exchange(), 401, "Unauthorized");
	}

	@Test
	void malformedJsonIs400ProblemDetail() {
		assertProblem(this.mvc.post()
			.uri("/v1/things")
			.header(HttpHeaders.AUTHORIZATION, bearer(unique()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": ")
			.exchange(), 400, "Bad Request");
	}

	@Test
	void unreadableBodiesSayWhatIsWrongWithoutClassNames() {
		assertThat(postThing("{\"name\": ")).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Malformed JSON");
		assertThat(postThing("{\"name\": \"a\", \"size\": 1, \"kind\": \"huge\"}")).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Invalid value at 'kind': Unknown kind 'huge': expected small or large");
		MvcTestResult wrongType = postThing("{\"name\": \"a\", \"size\": \"x\"}");
		assertProblem(wrongType, 400, "Bad Request");
		assertThat(wrongType).bodyJson().extractingPath("$.detail").isEqualTo("Invalid value at 'size'");
		assertThat(postThing("")).bodyJson().extractingPath("$.detail").isEqualTo("A JSON request body is required");
	}

	private MvcTestResult postThing(String json) {
		return this.mvc.post()
			.uri("/v1/things")
			.header(HttpHeaders.AUTHORIZATION, bearer(unique()))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	@Test
	void invalidBodyIs400ProblemDetail() {
		assertProblem(this.mvc.post()
			.uri("/v1/things")
			.header(HttpHeaders.AUTHORIZATION, bearer(unique()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"\", \"size\": -1}")
			.exchange(), 400, "Bad Request");
	}

	@Test
	void wrongPathVariableTypeIs400ProblemDetail() {
		assertProblem(this.mvc.get().uri("/v1/things/abc").header(HttpHeaders.AUTHORIZATION, bearer("u-1")).exchange(),
				400, "Bad Request");
	}

	@Test
	void apiExceptionsKeepTheirStatus() {
		assertProblem(this.mvc.get().uri("/v1/things/7").header(HttpHeaders.AUTHORIZATION, bearer("u-1")).exchange(),
				404, "Not Found");
		assertProblem(
				this.mvc.post().uri("/v1/things/7/lock").header(HttpHeaders.AUTHORIZATION, bearer(unique())).exchange(),
				409, "Conflict");
	}

	@Test
	void unknownPathIs404AndWrongMethodIs405() {
		assertProblem(this.mvc.get().uri("/v1/nowhere").header(HttpHeaders.AUTHORIZATION, bearer("u-1")).exchange(),
				404, "Not Found");
		assertProblem(this.mvc.delete().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(unique())).exchange(),
				405, "Method Not Allowed");
	}

	@Test
	void redisUnavailableIs503WithRetryAfter() {
		MvcTestResult result = this.mvc.get()
			.uri("/v1/redis")
			.header(HttpHeaders.AUTHORIZATION, bearer("u-1"))
			.exchange();
		assertProblem(result, 503, "Service Unavailable");
		assertThat(result).headers().hasValue(HttpHeaders.RETRY_AFTER, "2");
	}

	@Test
	void aBugIs500WithoutInternals() throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/v1/boom")
			.header(HttpHeaders.AUTHORIZATION, bearer("u-1"))
			.exchange();
		assertProblem(result, 500, "Internal Server Error");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("internals");
	}

	@Test
	void writesOverTheRateAre429WithRetryAfter() {
		String token = bearer(unique());
		for (int i = 0; i < 3; i++) { // the burst
			assertThat(post(token)).hasStatusOk();
		}
		MvcTestResult limited = post(token).exchange();
		assertProblem(limited, 429, "Too Many Requests");
		// one token every 10 s: the client is told to come back within that
		assertThat(Integer.parseInt(limited.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1, 10);
		// another user is not affected, and reads are never limited
		assertThat(post(bearer(unique()))).hasStatusOk();
		assertThat(this.mvc.get().uri("/v1/me").header(HttpHeaders.AUTHORIZATION, token)).hasStatusOk();
	}

	private MockMvcTester.MockMvcRequestBuilder post(String token) {
		return this.mvc.post()
			.uri("/v1/things")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"a\", \"size\": 1}");
	}

	private static void assertProblem(MvcTestResult result, int status, String title) {
		assertThat(result).hasStatus(status);
		assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
	}

	private static String bearer(String subject, String... scopes) {
		return "Bearer " + Tokens.mint(SECRET, subject, Duration.ofMinutes(5), scopes);
	}

	private static String unique() {
		return "u-" + UUID.randomUUID();
	}

}
