package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.counter.CounterEventLog;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.Instances;
import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The broker is stopped for a minute while likes, views and counter changes go on.
 * Instance A (the test context, the default backlog limit of 250,000 records per stream)
 * answers as fast as before: its changes wait in the outbox. Instance B, started with a
 * backlog limit of 1,000, refuses once its stream holds that many: 503 with
 * {@code Retry-After}, nothing applied, as docs/architecture.md chooses. Both stay ready,
 * and B's health warns about the old records. When the broker is back the outbox drains,
 * and Kafka holds exactly one event id for every change Redis applied. The stack is the
 * class's own, so the minute passes while the module's other classes run.
 */
@CounterIntegrationTest
@WithDevStack(own = true)
@Execution(ExecutionMode.CONCURRENT)
class KafkaOutageIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(60);

	private static final int LIMIT = 1000;

	@LocalServerPort
	int port;

	@Autowired
	DevStack stack;

	@Autowired
	RedisConnections redis;

	@Autowired
	OutboxStreams outbox;

	@Test
	void aMinuteWithoutKafkaKeepsLatencyLosesNothingDrainsAfterwardsAndRefusesAtTheBacklogLimit() throws Exception {
		DevStack stack = this.stack;
		long started = System.nanoTime();
		ChangeLedger ledger = ChangeLedger.ofNewObjects("outage-" + UUID.randomUUID().toString().substring(0, 8), 8);
		Api a = new Api(this.port);
		// what earlier tests wrote has reached Kafka: B's limit counts every record
		await().atMost(Duration.ofSeconds(60)).until(() -> ChangeLedger.drained(this.outbox, this.redis));
		try (ConfigurableApplicationContext limited = limitedInstance(stack);
				CounterEventLog log = CounterEventLog.fromNow(stack, ledger::isOurs)) {
			Api b = new Api(Integer.parseInt(limited.getEnvironment().getRequiredProperty("local.server.port")));
			AtomicReference<ConcurrentLinkedQueue<Long>> phase = new AtomicReference<>(new ConcurrentLinkedQueue<>());
			AtomicBoolean stop = new AtomicBoolean();
			Thread load = Thread.ofVirtual()
				.start(() -> ledger.drive(6, (client) -> a, Duration.ofMillis(20), stop,
						(nanos) -> phase.get().add(nanos)));
			Thread probe = Thread.ofVirtual()
				.start(() -> ledger.drive(1, (client) -> b, Duration.ofMillis(100), stop, (nanos) -> {
				}));
			// warm-up (a fresh context's first requests are compiled as they come), then
			// the figures before
			await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledged() >= 1000);
			phase.set(new ConcurrentLinkedQueue<>());
			await().pollDelay(Duration.ofSeconds(8)).until(() -> true);
			List<Long> before = new ArrayList<>(phase.getAndSet(new ConcurrentLinkedQueue<>()));
			int refusedBefore = ledger.refused();

			IndicatedHealthDescriptor outboxHealth;
			long stopping = System.nanoTime();
			stack.stopKafka();
			long stoppedAt = System.nanoTime();
			long restartedAt;
			try {
				await().atMost(OUTAGE).pollDelay(OUTAGE.minusSeconds(5)).until(() -> true);
				outboxHealth = (IndicatedHealthDescriptor) limited.getBean(HealthEndpoint.class)
					.healthForPath("outbox");
				assertThat(a.get("alice", "/actuator/health/readiness").status()).isEqualTo(200);
				assertThat(b.get("alice", "/actuator/health/readiness").status()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
			}
			finally {
				restartedAt = System.nanoTime();
				stack.startKafka();
			}
			long backAt = System.nanoTime();
			List<Long> during = new ArrayList<>(phase.get());
			stop.set(true);
			load.join(Duration.ofSeconds(30));
			probe.join(Duration.ofSeconds(30));
			long backlog = this.outbox.keys().stream().mapToLong((k) -> this.redis.connection().sync().xlen(k)).sum();
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> log.poll() && ChangeLedger.drained(this.outbox, this.redis));
			long drainedAt = System.nanoTime();

			ChangeLedger.Applied applied = ledger.applied(this.redis);
			int duplicates = ledger.verify("Kafka stopped for a minute", log.readToEnd(), applied, this.redis);
			System.out.printf(
					"Kafka outage: broker stopped in %.1f s, down %d s, answering %.1f s after its start; instance A p99 %.1f ms before (%d requests), %.1f ms during "
							+ "(%d requests); %d records waited in the outbox, drained %.1f s after the broker was "
							+ "back; instance B (max-backlog %d) refused %d changes with 503 + Retry-After "
							+ "(none before the outage); B's outbox health: %s; %d duplicates; test took %d s%n",
					(stoppedAt - stopping) / 1e9, (restartedAt - stoppedAt) / 1_000_000_000,
					(backAt - restartedAt) / 1e9, p99(before), before.size(), p99(during), during.size(), backlog,
					(drainedAt - backAt) / 1e9, LIMIT, ledger.refused(), outboxHealth.getDetails(), duplicates,
					(System.nanoTime() - started) / 1_000_000_000);

			// the measurements the dashboard's outbox panels read, as the relays write
			// them
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(
						() -> assertThat(stack.influxQuery("SHOW MEASUREMENTS WITH MEASUREMENT =~ /^headcount_outbox/"))
							.contains("headcount_outbox_backlog", "headcount_outbox_oldest_age",
									"headcount_outbox_relayed", "headcount_outbox_send_failures"));
			assertThat(stack.influxQuery("SHOW TAG KEYS FROM \"headcount_outbox_backlog\"")).contains("\"node\"",
					"\"outbox\"", "\"instance\"");
			assertThat(refusedBefore).isZero();
			assertThat(ledger.refused()).as("B's changes refused at its limit").isPositive();
			assertThat(applied.acknowledgedButLost()).isZero();
			assertThat(outboxHealth.getStatus()).isEqualTo(Status.UP);
			// B's health covers the streams B relays: past its warn-age of 5 s it warns
			if (((Number) outboxHealth.getDetails().get("counter.oldestAgeSeconds")).doubleValue() > 5) {
				assertThat(outboxHealth.getDetails()).containsKey("warning");
			}
			// a minute of Kafka missing is not a minute of slower answers (the bound
			// leaves
			// room for a shared 2-core machine's noise; the figures are printed above)
			assertThat(p99(during)).isLessThan(Math.max(3 * p99(before), 200));
		}
	}

	/**
	 * Another instance in this JVM, whose outbox refuses past {@value #LIMIT} records.
	 */
	private static ConfigurableApplicationContext limitedInstance(DevStack stack) {
		Map<String, Object> properties = new HashMap<>(stack.springProperties());
		for (String p : Instances.TEST_PROPERTIES) {
			int eq = p.indexOf('=');
			properties.put(p.substring(0, eq), p.substring(eq + 1));
		}
		properties.put("headcount.instance-id", "counter-outbox-limited");
		properties.put("headcount.outbox.max-backlog", Integer.toString(LIMIT));
		properties.put("headcount.outbox.warn-age", "5s");
		return new SpringApplicationBuilder(CounterApplication.class).properties(properties).run("--server.port=0");
	}

	private static double p99(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
	}

}
