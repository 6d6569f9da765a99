package io.headcount.counter.counters.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.ChangeResult.Status;
import io.headcount.counter.counters.CounterProperties;
import io.headcount.platform.outbox.OutboxStreams;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first likes of a fresh instance on a cluster that does not know the script: every
 * call meets NOSCRIPT and goes again by its text on the shared connection, which the
 * instance opens on first use (as platform's {@code RedisConnections} does). Opening it
 * from the thread that saw NOSCRIPT, Lettuce's event loop, blocked the loop the new
 * connection's handshake needed: every like then waited out the timeout, for as long as
 * the instance ran (found by bench/run, whose counter-service was the first on its
 * devstack).
 */
class ScriptFallbackIntegrationTests {

	private static final CounterProperties PROPERTIES = NodeBatchIntegrationTests.PROPERTIES;

	private static final OutboxStreams OUTBOX = OutboxStreams.slotGroups("scriptfallback-test", 16);

	private final String run = "sf" + System.nanoTime();

	private RedisClusterClient client;

	private StatefulRedisClusterConnection<String, String> rounds;

	private @Nullable StatefulRedisClusterConnection<String, String> shared;

	private CommandRounds commandRounds;

	@BeforeEach
	void connect() {
		this.client = DevStackCluster.client();
		this.rounds = this.client.connect(StringCodec.UTF8);
		this.rounds.setAutoFlushCommands(false);
		// no relay runs here: the test's own outbox only collects the events
		ApplyBatchCalls calls = new ApplyBatchCalls(new ApplyBatchScript(PROPERTIES, 1_000_000), this::sharedOnFirstUse,
				(size) -> {
				}, OUTBOX, () -> this.rounds.getPartitions(), 1_000_000);
		this.commandRounds = new CommandRounds(() -> this.rounds,
				new NodeBatches(calls, PROPERTIES.maxChangesPerCall()));
	}

	/** Made on first use, like RedisConnections.async(). */
	private synchronized RedisAdvancedClusterAsyncCommands<String, String> sharedOnFirstUse() {
		if (this.shared == null) {
			this.shared = this.client.connect(StringCodec.UTF8);
		}
		return this.shared.async();
	}

	@AfterEach
	void close() {
		this.commandRounds.close();
		this.rounds.close();
		if (this.shared != null) {
			this.shared.close();
		}
		this.client.shutdown();
	}

	@Test
	void theFirstLikesOnAClusterWithoutTheScriptAreAppliedByItsText() throws Exception {
		// every master forgets its scripts
		try (StatefulRedisClusterConnection<String, String> admin = this.client.connect(StringCodec.UTF8)) {
			assertThat(admin.sync().upstream().commands().scriptFlush()).containsOnly("OK");
		}
		long now = System.currentTimeMillis();
		List<CompletableFuture<List<ChangeResult>>> results = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			ObjectBatch batch = new ObjectBatch(this.run + "-" + i, List.of(Change.like("u" + i, now)));
			this.commandRounds.send(batch);
			results.add(batch.result());
		}
		for (CompletableFuture<List<ChangeResult>> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).extracting(ChangeResult::status)
				.containsExactly(Status.APPLIED);
		}
	}

}
