package io.headcount.yardstick;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.headcount.devstack.WithDevStack;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The yardstick does the work the bench compares: a like counts once per user, a token is
 * required, against the real cluster and broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "HEADCOUNT_JWT_SECRET=" + YardstickLikesIntegrationTests.SECRET)
@WithDevStack
class YardstickLikesIntegrationTests {

	static final String SECRET = "yardstick-secret-yardstick-secret-0123456789";

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void aLikeCountsOncePerUserAndNeedsAToken() throws Exception {
		String post = "post-" + UUID.randomUUID();

		assertThat(like(post, "alice").body()).contains("\"count\":1");
		assertThat(like(post, "alice").body()).contains("\"count\":1");
		assertThat(like(post, "bob").body()).contains("\"count\":2");
		assertThat(like(post, null).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> like(String post, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/objects/" + post + "/likes/me"))
			.PUT(HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", "Bearer " + Tokens.mint(SECRET, user, Duration.ofMinutes(5)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
