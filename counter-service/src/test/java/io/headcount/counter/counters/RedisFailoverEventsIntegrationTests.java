package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.counter.Api;
import io.headcount.counter.CounterEventLog;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.devstack.DevStack;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisConnections;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Redis master of the objects under load is killed with SIGKILL and its replica takes
 * over. Redis replicates asynchronously, so a change the master applied (even one it
 * acknowledged) may be gone after the failover; its event, written by the same script to
 * a stream on the same master, is gone with it, and the relay sent nothing a replica had
 * not confirmed. After the failover the likers sets and stored Idempotency-Key responses
 * on the new master, and the events in Kafka, describe the same changes.
 */
@CounterIntegrationTest
class RedisFailoverEventsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RedisConnections redis;

	@Autowired
	OutboxStreams outbox;

	@Test
	void stateAndEventAreKeptOrLostTogetherWhenAMasterFails() throws Exception {
		DevStack stack = DevStack.shared();
		long started = System.nanoTime();
		String run = "failover-" + UUID.randomUUID().toString().substring(0, 8);
		int slot = SlotHash.getSlot(CounterKeys.counts(run + "-0"));
		ChangeLedger ledger = new ChangeLedger(run, objectsOnTheMasterOf(slot, run, 6));
		Api a = new Api(this.port);
		try (CounterEventLog log = CounterEventLog.fromNow(ledger::isOurs)) {
			AtomicBoolean stop = new AtomicBoolean();
			Thread load = Thread.ofVirtual()
				.start(() -> ledger.drive(8, (client) -> a, Duration.ofMillis(2), stop, (nanos) -> {
				}));
			await().atMost(Duration.ofSeconds(30)).until(() -> ledger.acknowledged() >= 1500);
			int acknowledgedAtKill = ledger.acknowledged();
			long killedAt = System.nanoTime();
			int killed = stack.killRedisMaster(slot);
			long failedOverAt;
			try {
				// writes succeed again on the promoted replica
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> ledger.acknowledged() > acknowledgedAtKill + 300
							&& !stack.redisMasterPorts().contains(killed));
				failedOverAt = System.nanoTime();
				stop.set(true);
				load.join(Duration.ofSeconds(30));
			}
			finally {
				stop.set(true);
				// the relay waits for a replica (WAIT 1): the old master rejoins as one
				stack.restartRedisNode(killed);
			}
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> log.poll() && ChangeLedger.drained(this.outbox, this.redis));

			ChangeLedger.Applied applied = ledger.applied(this.redis);
			int duplicates = ledger.verify("Redis master killed", log.readToEnd(), applied, this.redis);
			System.out.printf(
					"Redis failover: master on port %d killed after %d acknowledged changes, writes back %.1f s later; "
							+ "%d acknowledged changes lost with it (state and event), %d duplicates; test took %d s%n",
					killed, acknowledgedAtKill, (failedOverAt - killedAt) / 1e9, applied.acknowledgedButLost(),
					duplicates, (System.nanoTime() - started) / 1_000_000_000);
			// a failing master is a 503 with Retry-After, never a 500
			System.out.printf("Redis failover: answers by status %s%n", ledger.statuses());
			assertThat(ledger.statuses().keySet()).isSubsetOf(200, 503);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.redisMasterPorts()).hasSize(3));
		}
	}

	/** {@code count} object ids whose keys live on the master of {@code slot}. */
	private List<String> objectsOnTheMasterOf(int slot, String run, int count) {
		Partitions partitions = this.redis.connection().getPartitions();
		RedisClusterNode master = partitions.getMasterBySlot(slot);
		List<String> objects = new ArrayList<>();
		for (int i = 0; objects.size() < count; i++) {
			String object = run + "-" + i;
			if (partitions.getMasterBySlot(SlotHash.getSlot(CounterKeys.counts(object)))
				.getNodeId()
				.equals(master.getNodeId())) {
				objects.add(object);
			}
		}
		return objects;
	}

}
