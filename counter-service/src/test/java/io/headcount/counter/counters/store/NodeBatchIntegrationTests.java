package io.headcount.counter.counters.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.ChangeResult.Status;
import io.headcount.counter.counters.CounterKeys;
import io.headcount.counter.counters.CounterProperties;
import io.headcount.platform.redis.RedisUnavailableException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.headcount.platform.outbox.OutboxStreams;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch script against the real cluster: one call per master node carries the changes
 * of many objects, each applied exactly once; a call that meets a key of another node
 * writes nothing and its objects are sent again one by one.
 */
class NodeBatchIntegrationTests {

	/** Defaults as the service has them; also for the other store tests. */
	static final CounterProperties PROPERTIES = new CounterProperties(Duration.ofMillis(750), 200_000,
			Duration.ofHours(24), Duration.ofSeconds(60), 256, 256,
			new CounterProperties.Retention(Duration.ofDays(2), Duration.ofDays(60), Duration.ofDays(3650)),
			new CounterProperties.Hot(200, Duration.ofMillis(2)),
			new CounterProperties.Live(Duration.ofMillis(250), 1000), new CounterProperties.Events(1000,
					Duration.ofSeconds(10), org.springframework.util.unit.DataSize.ofMegabytes(1)));

	private final String run = "nb" + System.nanoTime();

	private final List<Integer> callSizes = new CopyOnWriteArrayList<>();

	private RedisClusterClient client;

	private StatefulRedisClusterConnection<String, String> rounds;

	private StatefulRedisClusterConnection<String, String> reads;

	private CommandRounds commandRounds;

	private NodeBatches nodes;

	private ApplyBatchCalls calls;

	private static final OutboxStreams OUTBOX = OutboxStreams.slotGroups("nodebatch-test", 16);

	@BeforeEach
	void connect() {
		this.client = DevStackCluster.client();
		this.rounds = this.client.connect(StringCodec.UTF8);
		this.rounds.setAutoFlushCommands(false);
		this.reads = this.client.connect(StringCodec.UTF8);
		// no relay runs here: the test's own outbox only collects the events
		this.calls = new ApplyBatchCalls(new ApplyBatchScript(PROPERTIES, 1_000_000), this.reads::async,
				this.callSizes::add, OUTBOX, () -> this.reads.getPartitions(), 1_000_000);
		this.nodes = new NodeBatches(this.calls, PROPERTIES.maxChangesPerCall());
		this.commandRounds = new CommandRounds(() -> this.rounds, this.nodes);
	}

	@AfterEach
	void close() {
		this.commandRounds.close();
		this.rounds.close();
		this.reads.close();
		this.client.shutdown();
	}

	@Test
	void aRoundSendsOneCallPerNodeAndAppliesEveryObjectsChangesOnce() throws Exception {
		long now = System.currentTimeMillis();
		List<ObjectBatch> batches = new ArrayList<>();
		Set<String> nodes = new HashSet<>();
		for (int i = 0; i < 90; i++) {
			String id = this.run + "-" + i;
			nodes
				.add(this.rounds.getPartitions().getMasterBySlot(SlotHash.getSlot(CounterKeys.counts(id))).getNodeId());
			batches.add(new ObjectBatch(id, List.of(Change.like("u1", now), Change.like("u2", now),
					Change.view("u1", null, now), Change.add("shares", 3, "u1", null, now))));
		}
		assertThat(nodes).as("the objects are spread over every master").hasSize(3);

		// the rounds thread's own call, on a quiet connection: all 90 batches in one
		// round
		CompletableFuture<Void> sent = new CompletableFuture<>();
		this.commandRounds.submit((redis) -> {
			this.nodes.send(this.rounds, batches);
			sent.complete(null);
			return CompletableFuture.completedFuture(null);
		});
		sent.get(5, TimeUnit.SECONDS);
		for (ObjectBatch batch : batches) {
			List<ChangeResult> results = batch.result().get(5, TimeUnit.SECONDS);
			assertThat(results).extracting(ChangeResult::status).containsOnly(Status.APPLIED);
			assertThat(results).extracting(ChangeResult::count).containsExactly(1L, 2L, 1L, 3L);
			assertThat(results).extracting(ChangeResult::version).containsExactly(1L, 2L, 3L, 4L);
		}
		assertThat(this.callSizes).as("one script call per master node").hasSize(3);
		assertThat(this.callSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(360);
		for (ObjectBatch batch : batches) {
			Map<String, String> counts = this.reads.sync().hgetall(CounterKeys.counts(batch.objectId()));
			assertThat(counts).containsEntry("likes", "2").containsEntry("views", "1").containsEntry("c:shares", "3");
			assertThat(this.reads.sync().smembers(CounterKeys.likers(batch.objectId()))).containsOnly("u1", "u2");
		}
	}

	@Test
	void twoBatchesOfOneObjectInOneRoundAreAppliedOneAfterTheOther() throws Exception {
		long now = System.currentTimeMillis();
		String id = this.run + "-twice";
		List<ObjectBatch> batches = List.of(new ObjectBatch(id, List.of(Change.add("n", 2, "u1", null, now))),
				new ObjectBatch(this.run + "-other", List.of(Change.add("n", 1, "u1", null, now))), new ObjectBatch(id,
						List.of(Change.add("n", 3, "u1", null, now), Change.add("n", -4, "u1", null, now))));
		this.commandRounds.submit((redis) -> {
			this.nodes.send(this.rounds, batches);
			return CompletableFuture.completedFuture(null);
		});
		assertThat(batches.get(0).result().get(5, TimeUnit.SECONDS)).extracting(ChangeResult::count)
			.containsExactly(2L);
		assertThat(batches.get(2).result().get(5, TimeUnit.SECONDS)).extracting(ChangeResult::count)
			.as("the second batch sees the first one's change")
			.containsExactly(5L, 1L);
		assertThat(this.reads.sync().hget(CounterKeys.counts(id), "c:n")).isEqualTo("1");
	}

	@Test
	void aCallThatMeetsAKeyOfAnotherNodeWritesNothingAndItsObjectsAreSentAgainOneByOne() throws Exception {
		long now = System.currentTimeMillis();
		// a group the topology would never make: objects of every node, as if the
		// topology were stale
		List<ObjectBatch> mixed = new ArrayList<>();
		Set<String> nodes = new HashSet<>();
		for (int i = 0; nodes.size() < 3 || mixed.size() < 12; i++) {
			String id = this.run + "-m" + i;
			nodes
				.add(this.rounds.getPartitions().getMasterBySlot(SlotHash.getSlot(CounterKeys.counts(id))).getNodeId());
			mixed.add(new ObjectBatch(id, List.of(Change.like("u1", now), Change.view("u1", "key-1", now))));
		}
		this.commandRounds.submit((redis) -> {
			this.calls.send(redis, mixed, true);
			return CompletableFuture.completedFuture(null);
		});
		for (ObjectBatch batch : mixed) {
			List<ChangeResult> results = batch.result().get(5, TimeUnit.SECONDS);
			assertThat(results).extracting(ChangeResult::status).containsExactly(Status.APPLIED, Status.APPLIED);
			assertThat(results).extracting(ChangeResult::count).containsExactly(1L, 1L);
			Map<String, String> counts = this.reads.sync().hgetall(CounterKeys.counts(batch.objectId()));
			assertThat(counts).as("applied once, not once by the mixed call and again alone")
				.containsEntry("likes", "1")
				.containsEntry("views", "1")
				.containsEntry("v", "2");
		}
		assertThat(this.callSizes).as("the mixed call, then one call per object")
			.hasSize(1 + mixed.size())
			.startsWith(2 * mixed.size());
	}

	@Test
	void changesOfOneObjectInOneCallFollowEachOtherInOrder() throws Exception {
		long now = System.currentTimeMillis() / 60_000 * 60_000 + 1000; // all in one
																		// minute
		String id = this.run + "-order";
		List<Change> changes = List.of(Change.like("u1", now), Change.like("u1", now + 1), Change.unlike("u1", now + 2),
				Change.unlike("u1", now + 3), Change.like("u2", now + 4), Change.view("u1", "k", now + 5),
				Change.view("u1", "k", now + 6), Change.add("stock", -5, "u1", null, now + 7),
				Change.add("stock", 3, "u1", null, now + 8), Change.add("stock", -2, "u1", null, now + 9),
				Change.add("stock", -2, "u1", null, now + 10));
		List<ChangeResult> results = apply(id, changes).get(5, TimeUnit.SECONDS);
		assertThat(results).extracting(ChangeResult::status)
			.containsExactly(Status.APPLIED, Status.UNCHANGED, Status.APPLIED, Status.UNCHANGED, Status.APPLIED,
					Status.APPLIED, Status.REPLAYED, Status.REJECTED, Status.APPLIED, Status.APPLIED, Status.REJECTED);
		assertThat(results).extracting(ChangeResult::count).containsExactly(1L, 1L, 0L, 0L, 1L, 1L, 1L, 0L, 3L, 1L, 1L);
		assertThat(results).extracting(ChangeResult::liked)
			.containsExactly(true, true, false, false, true, null, null, null, null, null, null);
		assertThat(results.get(6)).as("the replay answers the first response")
			.isEqualTo(
					new ChangeResult(Status.REPLAYED, 1, results.get(5).updatedAt(), null, results.get(5).version()));
		assertThat(results.get(9).version()).isEqualTo(6);
		Map<String, String> counts = this.reads.sync().hgetall(CounterKeys.counts(id));
		assertThat(counts).containsEntry("likes", "1")
			.containsEntry("views", "1")
			.containsEntry("c:stock", "1")
			.containsEntry("v", "6")
			.containsEntry("t:c:stock", Long.toString(now + 9));
		assertThat(this.reads.sync().smembers(CounterKeys.likers(id))).containsOnly("u2");
		String minuteBuckets = CounterKeys.buckets(id, "c:stock", 'm', (now / 1000) - (now / 1000) % 3600);
		long bucketSum = this.reads.sync().hgetall(minuteBuckets).values().stream().mapToLong(Long::parseLong).sum();
		assertThat(bucketSum).as("the minute buckets hold the applied changes only").isEqualTo(1);
		assertThat(this.reads.sync().ttl(minuteBuckets)).isPositive();
	}

	@Test
	void usersAndKeysBeyondAsciiArriveAsTheyWereSent() throws Exception {
		long now = System.currentTimeMillis();
		String id = this.run + "-utf8-ü";
		List<ChangeResult> results = apply(id, List.of(Change.like("josé-日本", now),
				Change.view("josé-日本", "clé-✓", now), Change.view("josé-日本", "clé-✓", now)))
			.get(5, TimeUnit.SECONDS);
		assertThat(results).extracting(ChangeResult::status)
			.containsExactly(Status.APPLIED, Status.APPLIED, Status.REPLAYED);
		assertThat(this.reads.sync().smembers(CounterKeys.likers(id))).containsOnly("josé-日本");
		assertThat(this.reads.sync().exists(CounterKeys.counts(id) + ":idem:views:josé-日本:clé-✓")).isEqualTo(1);
	}

	@Test
	void whileAnObjectsSlotMovesItsChangesAreRefusedAndNothingIsWritten() throws Exception {
		long now = System.currentTimeMillis() / 60_000 * 60_000 + 1000;
		String id = this.run + "-moving";
		String counts = CounterKeys.counts(id);
		apply(id, List.of(Change.like("u1", now), Change.view("u1", null, now))).get(5, TimeUnit.SECONDS);
		int slot = SlotHash.getSlot(counts);
		RedisClusterNode source = this.reads.getPartitions().getMasterBySlot(slot);
		RedisClusterNode target = this.reads.getPartitions()
			.stream()
			.filter((node) -> node.is(RedisClusterNode.NodeFlag.UPSTREAM)
					&& !node.getNodeId().equals(source.getNodeId()))
			.findFirst()
			.orElseThrow();
		RedisCommands<String, String> from = this.reads.getConnection(source.getNodeId()).sync();
		RedisCommands<String, String> to = this.reads.getConnection(target.getNodeId()).sync();
		List<String> moved = from.clusterGetKeysInSlot(slot, 1000)
			.stream()
			.filter((key) -> key.startsWith(counts + ":"))
			.toList();
		assertThat(moved).as("likers, viewers, buckets").hasSizeGreaterThanOrEqualTo(5);
		try {
			// a resharding under way: every key of the object has reached the target but
			// its counts hash, the one case a touch of some keys only would not see (the
			// target would start a new counts hash at 0)
			to.clusterSetSlotImporting(slot, source.getNodeId());
			from.clusterSetSlotMigrating(slot, target.getNodeId());
			for (String key : moved) {
				from.migrate(target.getUri().getHost(), target.getUri().getPort(), key, 0, 5000);
			}

			for (Change change : List.of(Change.like("u2", now), Change.view("u2", null, now))) {
				assertThat(apply(id, List.of(change))).failsWithin(Duration.ofSeconds(5))
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(RedisUnavailableException.class);
			}
			assertThat(from.hgetall(counts)).as("nothing written on the source")
				.containsEntry("likes", "1")
				.containsEntry("views", "1")
				.containsEntry("v", "2");
			to.asking();
			assertThat(to.smembers(CounterKeys.likers(id))).as("nothing written on the target").containsOnly("u1");
			to.asking();
			assertThat(to.exists(counts)).as("no second counts hash on the target").isZero();
		}
		finally {
			// call the move off: the source owns the slot plainly again (a migrating
			// source would redirect the keys' return), the keys go back, the target stops
			// importing
			from.clusterSetSlotStable(slot);
			for (String key : moved) {
				to.migrate(source.getUri().getHost(), source.getUri().getPort(), key, 0, 5000);
			}
			to.clusterSetSlotStable(slot);
		}
		List<ChangeResult> after = apply(id, List.of(Change.like("u2", now))).get(5, TimeUnit.SECONDS);
		assertThat(after).extracting(ChangeResult::count).as("the object takes changes again").containsExactly(2L);
	}

	/** One object's batch through the rounds, as the coalescer hands it over. */
	private CompletableFuture<List<ChangeResult>> apply(String objectId, List<Change> changes) {
		ObjectBatch batch = new ObjectBatch(objectId, changes);
		this.commandRounds.send(batch);
		return batch.result();
	}

}
