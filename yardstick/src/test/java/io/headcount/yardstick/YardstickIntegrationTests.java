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
 * required; a visitor session counts from its open to its close; against the real cluster
 * and broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "HEADCOUNT_JWT_SECRET=" + YardstickIntegrationTests.SECRET)
@WithDevStack
class YardstickIntegrationTests {

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

	@Test
	void aVisitorSessionCountsFromOpenToCloseAndAHeartbeatAfterCloseIsRefused() throws Exception {
		String site = "site-" + UUID.randomUUID();
		HttpResponse<String> opened = send("POST", "/v1/sites/" + site + "/sessions");
		assertThat(opened.statusCode()).isEqualTo(201);
		String session = opened.body().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
		assertThat(send("GET", "/v1/sites/" + site + "/visitors").body()).contains("\"concurrent\":1");
		assertThat(send("POST", "/v1/sites/" + site + "/sessions/" + session + "/heartbeat").statusCode())
			.isEqualTo(204);
		assertThat(send("POST", "/v1/sites/" + site + "/sessions/" + session + "/close").statusCode()).isEqualTo(204);
		assertThat(send("GET", "/v1/sites/" + site + "/visitors").body()).contains("\"concurrent\":0");
		assertThat(send("POST", "/v1/sites/" + site + "/sessions/" + session + "/heartbeat").statusCode())
			.isEqualTo(404);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (path.endsWith("/visitors")) {
			request.header("Authorization", "Bearer " + Tokens.mint(SECRET, "dashboard", Duration.ofMinutes(5)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
