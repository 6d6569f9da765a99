package io.headcount.platform.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.testapp.PlatformTestApplication;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.influx.InfluxApiVersion;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas contend for the fleet gauges lease on the real Redis Cluster; one reports.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "headcount.events.create-topics=false")
@WithDevStack
class FleetGaugesIntegrationTests {

	private static final FleetGaugesProperties LEASE = new FleetGaugesProperties(true, Duration.ofSeconds(3),
			Duration.ofSeconds(1));

	@Autowired
	StringRedisTemplate redis;

	private final String service = "fleet-test-" + UUID.randomUUID();

	private FleetGauges first;

	private FleetGauges second;

	@AfterEach
	void stop() {
		for (FleetGauges gauges : new FleetGauges[] { this.first, this.second }) {
			if (gauges != null && gauges.isRunning()) {
				gauges.stop();
			}
		}
	}

	@Test
	void exactlyOneOfTwoReplicasReportsAndTheOtherTakesOver() {
		SimpleMeterRegistry firstRegistry = new SimpleMeterRegistry();
		SimpleMeterRegistry secondRegistry = new SimpleMeterRegistry();
		this.first = new FleetGauges(this.redis, firstRegistry, LEASE, this.service, new InstanceId("replica-1"));
		this.second = new FleetGauges(this.redis, secondRegistry, LEASE, this.service, new InstanceId("replica-2"));
		Gauge firstGauge = this.first.register("headcount.test.fleet", "test", () -> 42);
		Gauge secondGauge = this.second.register("headcount.test.fleet", "test", () -> 42);
		this.first.start();
		this.second.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.isReporting() || this.second.isReporting());
		// for several renewals, never both and never neither
		for (int i = 0; i < 30; i++) {
			assertThat(this.first.isReporting() ^ this.second.isReporting()).as("exactly one reporter").isTrue();
			assertThat(List.of(firstGauge.value(), secondGauge.value())).containsExactlyInAnyOrder(42.0, Double.NaN);
			await().pollDelay(Duration.ofMillis(100)).until(() -> true);
		}

		FleetGauges holder = this.first.isReporting() ? this.first : this.second;
		FleetGauges other = (holder == this.first) ? this.second : this.first;
		holder.stop(); // releases the lease
		await().atMost(Duration.ofSeconds(4)).until(other::isReporting);
		assertThat(holder.isReporting()).isFalse();
	}

	@Test
	void aHolderThatDiesWithoutReleasingIsReplacedWithinTheLeaseTtl() {
		this.first = new FleetGauges(this.redis, new SimpleMeterRegistry(), LEASE, this.service,
				new InstanceId("replica-1"));
		this.first.register("headcount.test.fleet", "test", () -> 1);
		this.first.renewOrAcquire();
		assertThat(this.first.isReporting()).isTrue();
		// replica-1 "dies": no more renewals, no release

		this.second = new FleetGauges(this.redis, new SimpleMeterRegistry(), LEASE, this.service,
				new InstanceId("replica-2"));
		this.second.register("headcount.test.fleet", "test", () -> 1);
		this.second.start();
		long died = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).until(this.second::isReporting);
		assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.first.isReporting()).as("the dead holder stopped reporting before the takeover").isFalse();
	}

	/**
	 * End to end: two replicas push to the real InfluxDB; points come from one instance
	 * only.
	 */
	@Test
	void onlyTheHolderWritesPointsToInflux() {
		DevStack stack = DevStack.shared();
		String run = UUID.randomUUID().toString();
		InfluxMeterRegistry firstRegistry = influx(stack, "replica-1", run);
		InfluxMeterRegistry secondRegistry = influx(stack, "replica-2", run);
		try {
			this.first = new FleetGauges(this.redis, firstRegistry, LEASE, this.service, new InstanceId("replica-1"));
			this.second = new FleetGauges(this.redis, secondRegistry, LEASE, this.service, new InstanceId("replica-2"));
			this.first.register("headcount.test.fleet.influx", "test", () -> 7);
			this.second.register("headcount.test.fleet.influx", "test", () -> 7);
			this.first.start();
			this.second.start();

			String query = "SELECT count(\"value\") FROM \"headcount_test_fleet_influx\" WHERE \"run\"='" + run
					+ "' GROUP BY \"instance\"";
			JsonMapper json = JsonMapper.builder().build();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode series = json.readTree(stack.influxQuery(query)).path("results").path(0).path("series");
				assertThat(series.size()).as("series per instance in %s", series).isEqualTo(1);
				assertThat(series.path(0).path("values").path(0).path(1).asLong()).isGreaterThanOrEqualTo(5);
			});
		}
		finally {
			firstRegistry.close();
			secondRegistry.close();
		}
	}

	private static InfluxMeterRegistry influx(DevStack stack, String instance, String run) {
		Map<String, String> config = Map.of("influx.uri", stack.influxUrl(), "influx.db", stack.influxDatabase(),
				"influx.step", "1s", "influx.autoCreateDb", "true");
		InfluxConfig influxConfig = new InfluxConfig() {
			@Override
			public String get(String key) {
				return config.get(key);
			}

			@Override
			public InfluxApiVersion apiVersion() {
				return InfluxApiVersion.V1;
			}
		};
		InfluxMeterRegistry registry = new InfluxMeterRegistry(influxConfig, Clock.SYSTEM);
		registry.config().commonTags("instance", instance, "run", run);
		return registry;
	}

}
