package io.headcount.counter.fastlane;

import io.headcount.counter.fastlane.LaneRoutes.Kind;
import io.headcount.counter.fastlane.LaneRoutes.Route;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CounterFastLaneRouteTests {

	@Test
	void takesTheHotRoutes() {
		assertThat(Route.of("PUT", "/v1/objects/post-1/likes/me")).isEqualTo(new Route(Kind.LIKE, "post-1", null));
		assertThat(Route.of("DELETE", "/v1/objects/post-1/likes/me")).isEqualTo(new Route(Kind.UNLIKE, "post-1", null));
		assertThat(Route.of("GET", "/v1/objects/post-1/likes/me")).isEqualTo(new Route(Kind.LIKED, "post-1", null));
		assertThat(Route.of("POST", "/v1/objects/v.1_a/views")).isEqualTo(new Route(Kind.VIEW, "v.1_a", null));
		assertThat(Route.of("GET", "/v1/objects/p/counters/shares")).isEqualTo(new Route(Kind.COUNTER, "p", "shares"));
	}

	@Test
	void leavesEverythingElseToTheFullPath() {
		String[][] others = { { "POST", "/v1/objects/p/likes/me" }, { "GET", "/v1/objects/p/views" },
				{ "PUT", "/v1/objects/p/counters/shares" }, { "GET", "/v1/objects/p/counters/shares/series" },
				{ "GET", "/v1/objects/p/likes/me/" }, { "GET", "/v1/objects//likes/me" },
				{ "GET", "/v1/objects/../likes/me" }, { "GET", "/v1/objects/p%2Fq/likes/me" },
				{ "GET", "/v1/objects/p;x=1/likes/me" }, { "GET", "/v1/objects/p/counters/" },
				{ "GET", "/v1/objects/p/counters/.." }, { "GET", "/v1/objects" }, { "GET", "/v2/objects/p/likes/me" },
				{ "GET", "/v1/objects/p/likes/me%20" } };
		for (String[] request : others) {
			assertThat(Route.of(request[0], request[1])).as("%s %s", request[0], request[1]).isNull();
		}
	}

	@Test
	void takesOnlyClientsThatAcceptJson() {
		assertThat(CounterFastLane.acceptsJson(null)).isTrue();
		assertThat(CounterFastLane.acceptsJson("*/*")).isTrue();
		assertThat(CounterFastLane.acceptsJson("application/json")).isTrue();
		assertThat(CounterFastLane.acceptsJson("text/html")).isFalse();
		assertThat(CounterFastLane.acceptsJson("application/json;q=0.5, text/html")).isFalse();
	}

}
