package io.headcount.counter.fastlane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.testsupport.HostileHttp;
import io.headcount.testsupport.HostileHttp.Endpoint;
import io.headcount.testsupport.HostileHttp.Outcome;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The fast lane accepts exactly the tokens and headers the security chain accepts (issue
 * 10 item 3): generated requests on every lane route — odd and hostile bearer headers and
 * tokens ({@link HostileHttp#authorizations}), {@code Accept} and {@code Content-Type}
 * variants, extra header values — go once as they are (the lane takes what it may) and
 * once with {@code ?via=chain}, a query parameter the controllers ignore and the lane
 * never takes, so Spring Security's chain and MVC answer. Status, media type and problem
 * type and title must be the same both ways.
 */
@CounterIntegrationTest
class FastLaneAgreementIntegrationTests {

	static final int CASES = 2_000;

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void theLaneAndTheChainAnswerEveryGeneratedRequestAlike() {
		Outcome outcome = HostileHttp.runTwoWays("counter fast lane vs chain", this.port, CASES, 4, this::lane,
				(lane) -> HostileHttp.headerVariants(lane.endpoints(), lane.authorizations()),
				(target) -> target + "?via=chain");
		System.out.println(outcome.report());
		assertThat(outcome.violations()).isEmpty();
		assertThat(outcome.answered()).isEqualTo(CASES);
		assertThat(outcome.answers()).as("both accepted and refused requests were generated")
			.containsKeys("200", "401", "406");
	}

	/** Every lane route, on an object and for a user of the worker's own. */
	private HostileHttp.Lane lane(int worker) {
		String user = "agree-" + this.run + "-" + worker;
		String object = "agree-" + this.run + "-" + worker;
		List<Endpoint> endpoints = java.util.Arrays.stream(LaneRoutes.Kind.values())
			.map((kind) -> new Endpoint(kind.method,
					kind.samplePath(object).replace("/counters/" + object, "/counters/shares"), ""))
			.toList();
		return new HostileHttp.Lane(endpoints, HostileHttp.authorizations(Api.SECRET, user), null);
	}

}
