package io.headcount.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class WrkResultTests {

	@Test
	void readsThroughputAndLatencyDistributionOfASaturatedRun() {
		WrkResult result = WrkResult.parse(Samples.load("wrk-ping.txt"));

		assertThat(result.requestsPerSecond()).isEqualTo(24748.84);
		assertThat(result.requests()).isEqualTo(249853);
		assertThat(result.seconds()).isCloseTo(10.10, within(1e-9));
		assertThat(result.meanMs()).isEqualTo(8.02);
		assertThat(result.maxMs()).isEqualTo(205.79);
		assertThat(result.percentilesMs()).containsOnlyKeys(50.0, 75.0, 90.0, 99.0);
		assertThat(result.percentileMs(50)).isEqualTo(2.30);
		assertThat(result.percentileMs(75)).isEqualTo(8.36);
		assertThat(result.percentileMs(90)).isEqualTo(20.76);
		assertThat(result.percentileMs(99)).isEqualTo(87.40);
		assertThat(result.errors()).isZero();
	}

	@Test
	void countsNon2xxResponsesAsErrorsAndReadsSecondsAsMilliseconds() {
		WrkResult result = WrkResult.parse(Samples.load("wrk-not-found.txt"));

		assertThat(result.non2xxOr3xx()).isEqualTo(2799);
		assertThat(result.errors()).isEqualTo(2799);
		assertThat(result.maxMs()).isCloseTo(1260, within(1e-9));
		assertThat(result.requestsPerSecond()).isEqualTo(911.55);
	}

	@Test
	void sumsSocketErrorsWhenTheServerGoesAway() {
		WrkResult result = WrkResult.parse(Samples.load("wrk-server-stopped.txt"));

		assertThat(result.socketErrors()).isEqualTo(129 + 92694);
		assertThat(result.non2xxOr3xx()).isZero();
		assertThat(result.requests()).isEqualTo(10610);
	}

	@Test
	void failsWithWrksOwnMessageWhenNothingWasMeasured() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WrkResult.parse(Samples.load("wrk-connection-refused.txt")))
			.withMessageContaining("Connection refused");
	}

	@Test
	void failsWhenTheLatencyDistributionIsMissing() {
		String withoutDistribution = Samples.load("wrk-ping.txt").replaceAll("(?m)^\\s+\\d+%.*\\n", "");

		assertThatIllegalArgumentException().isThrownBy(() -> WrkResult.parse(withoutDistribution))
			.withMessageContaining("--latency");
	}

	@Test
	void convertsEveryTimeUnitWrkPrints() {
		assertThat(WrkResult.millis("812.00us")).isCloseTo(0.812, within(1e-9));
		assertThat(WrkResult.millis("1.20ms")).isEqualTo(1.2);
		assertThat(WrkResult.millis("2.00s")).isEqualTo(2000);
		assertThat(WrkResult.millis("1.50m")).isEqualTo(90_000);
		assertThat(WrkResult.millis("1.00h")).isEqualTo(3_600_000);
	}

}
