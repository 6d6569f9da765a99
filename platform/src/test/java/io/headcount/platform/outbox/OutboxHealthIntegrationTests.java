package io.headcount.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.Test;

import io.headcount.devstack.WithDevStack;
import io.headcount.platform.events.Topics;
import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.testapp.PlatformTestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that declares an outbox gets the {@code outbox} health component from
 * platform. Records that cannot leave (here: the relay waits for two replicas, and every
 * master has one, so it holds them back as it would while Kafka is down) age past
 * {@code headcount.outbox.warn-age}: the component shows a {@code warning} detail and
 * stays UP, and readiness stays UP.
 */
@SpringBootTest(classes = { PlatformTestApplication.class, OutboxHealthIntegrationTests.Streams.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "headcount.outbox.replicas=2", "headcount.outbox.replica-timeout=100ms",
				"headcount.outbox.warn-age=2s", "headcount.events.create-topics=false" })
@WithDevStack
class OutboxHealthIntegrationTests {

	private static final LuaScript WRITE = LuaScript.load(OutboxHealthIntegrationTests.class, "change-with-event.lua");

	private static final String RUN = UUID.randomUUID().toString();

	private static final String STREAM = "outbox-health-test:{" + RUN + "}";

	@Autowired
	HealthEndpoint health;

	@Autowired
	RedisConnections connections;

	@Autowired
	RedisCalls calls;

	@Test
	void recordsOlderThanTheWarnAgeShowAWarningWhileReadinessStaysUp() {
		try {
			for (int i = 0; i < 3; i++) {
				this.calls.await(this.connections.async()
					.eval(WRITE.text(), ScriptOutputType.VALUE,
							new String[] { "outbox-health-test:{" + RUN + "}:n", STREAM }, Topics.PRESENCE_EVENTS,
							"user-" + i, "{\"type\":\"PresenceChanged\",\"version\":1}"));
			}
			long written = System.nanoTime();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(outbox().getDetails()).containsKey("warning"));
			IndicatedHealthDescriptor outbox = outbox();
			System.out.printf("outbox health %d ms after the records were written: %s%n",
					(System.nanoTime() - written) / 1_000_000, outbox.getDetails());
			assertThat(outbox.getStatus()).isEqualTo(Status.UP);
			assertThat(outbox.getDetails()).containsEntry("test-" + RUN + ".backlog", 3L);
			assertThat((Double) outbox.getDetails().get("test-" + RUN + ".oldestAgeSeconds")).isGreaterThan(2.0);
			assertThat((String) outbox.getDetails().get("warning")).contains("warn-age 2 s");
			assertThat(this.health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
		}
		finally {
			this.connections.connection().sync().del(STREAM, STREAM.replace("}", "}:n"));
		}
	}

	private IndicatedHealthDescriptor outbox() {
		return (IndicatedHealthDescriptor) this.health.healthForPath("outbox");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Streams {

		@Bean
		OutboxStreams outboxStreams() {
			return new OutboxStreams("test-" + RUN, List.of(STREAM));
		}

	}

}
