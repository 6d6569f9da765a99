package io.headcount.counter.counters.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands sent in rounds on a connection that never flushes by itself, against the real
 * cluster.
 */
class CommandRoundsIntegrationTests {

	/** These tests send single commands only. */
	private static final CommandRounds.RoundSender NO_BATCHES = (connection, batches) -> {
		throw new IllegalStateException("no object batches here");
	};

	private RedisClusterClient client;

	private StatefulRedisClusterConnection<String, String> connection;

	@BeforeEach
	void connect() {
		this.client = DevStackCluster.client();
		this.connection = this.client.connect();
		this.connection.setAutoFlushCommands(false);
	}

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void everyCommandIsSentAndAnsweredWhateverTheNodeAndHowManyWait() throws Exception {
		String run = "rounds-" + System.nanoTime();
		try (CommandRounds rounds = new CommandRounds(() -> this.connection, NO_BATCHES);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<Long>> replies = new ArrayList<>();
			List<java.util.concurrent.Future<CompletableFuture<Long>>> submitted = new ArrayList<>();
			for (int i = 0; i < 4000; i++) {
				String key = "{" + run + "-" + (i % 50) + "}"; // 50 keys over all three
																// masters
				submitted.add(callers.submit(() -> rounds.submit((redis) -> redis.incr(key))));
			}
			for (var future : submitted) {
				replies.add(future.get());
			}
			CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			long total = 0;
			for (int k = 0; k < 50; k++) {
				String key = "{" + run + "-" + k + "}";
				total += Long.parseLong(rounds.submit((redis) -> redis.get(key)).get(5, TimeUnit.SECONDS));
			}
			assertThat(total).isEqualTo(4000);
		}
	}

	@Test
	void aLoneCommandOnAnIdleConnectionIsSentAtOnce() throws Exception {
		try (CommandRounds rounds = new CommandRounds(() -> this.connection, NO_BATCHES)) {
			long start = System.nanoTime();
			assertThat(rounds.submit((redis) -> redis.ping()).get(2, TimeUnit.SECONDS)).isEqualTo("PONG");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void callsAfterCloseFailInsteadOfHanging() {
		CommandRounds rounds = new CommandRounds(() -> this.connection, NO_BATCHES);
		rounds.close();
		assertThatThrownBy(() -> rounds.submit((redis) -> redis.ping()).get(1, TimeUnit.SECONDS))
			.hasCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void aStoppedConnectionFailsTheRoundsCalls() {
		try (CommandRounds rounds = new CommandRounds(() -> {
			throw new IllegalStateException("The counter store's Redis connection is stopped");
		}, NO_BATCHES)) {
			assertThatThrownBy(() -> rounds.submit((redis) -> redis.ping()).get(2, TimeUnit.SECONDS))
				.hasMessageContaining("stopped");
		}
	}

}
