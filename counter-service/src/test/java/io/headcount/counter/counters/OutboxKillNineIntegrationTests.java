package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.counter.Api;
import io.headcount.counter.CounterApplication;
import io.headcount.counter.CounterEventLog;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two instances, one in its own OS process, take concurrent likes, views and counter
 * changes and relay the outbox between them; the process is killed with SIGKILL mid-run.
 * Afterwards Kafka holds exactly one event id for every change Redis applied, answered or
 * not, and none for any other: the killed relay's streams are taken over once its lease
 * runs out, and what it had sent but not deleted comes again with the same ids.
 */
@CounterIntegrationTest
class OutboxKillNineIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Autowired
	OutboxStreams outbox;

	@Test
	void kafkaHoldsOneEventIdForEveryAppliedChangeAfterAnInstanceIsKilled() throws Exception {
		long started = System.nanoTime();
		Map<String, String> properties = new HashMap<>(DevStack.shared().springProperties());
		properties.put("headcount.security.jwt.hmac-secret", Api.SECRET);
		properties.put("headcount.rate-limit.enabled", "false");
		ChangeLedger ledger = ChangeLedger.ofNewObjects("kill-" + UUID.randomUUID().toString().substring(0, 8), 12);
		Api a = new Api(this.port);
		try (ServiceProcess victim = ServiceProcess.start("counter-service", CounterApplication.class,
				"counter-outbox-victim", properties, "384m");
				CounterEventLog log = CounterEventLog.fromNow(ledger::isOurs)) {
			Api v = new Api(victim.port());
			AtomicBoolean stop = new AtomicBoolean();
			Thread load = Thread.ofVirtual()
				.start(() -> ledger.drive(24, (client) -> (client % 2 == 0) ? v : a, Duration.ZERO, stop, (nanos) -> {
				}));
			// the victim's relay holds about half of the streams and is sending
			await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledged() >= 2000);
			victim.kill9();
			long killed = System.nanoTime();
			// the survivor's clients go on past the victim's lease (3 s)
			await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
			stop.set(true);
			load.join(Duration.ofSeconds(30));

			int replayed = ledger.resendUnanswered(a);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> log.poll() && ChangeLedger.drained(this.outbox, this.redis));
			long drained = System.nanoTime();
			ChangeLedger.Applied applied = ledger.applied(this.redis);
			int duplicates = ledger.verify("kill -9 of one of two counter-service instances", log.readToEnd(), applied,
					this.redis);
			System.out.printf(
					"kill -9: %d unanswered views and counter changes sent again, %d of them replayed; "
							+ "outbox empty %d ms after the kill; %d duplicates; test took %d s%n",
					applied.unanswered(), replayed, (drained - killed) / 1_000_000, duplicates,
					(System.nanoTime() - started) / 1_000_000_000);
			assertThat(applied.acknowledgedButLost()).isZero();
		}
	}

}
