package io.headcount.platform.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisCallsTests {

	private final RedisCalls calls = new RedisCalls(Duration.ofMillis(50));

	@Test
	void noScriptFallsBackToEvalExactlyOnce() {
		AtomicInteger evals = new AtomicInteger();
		CompletableFuture<String> answer = RedisCalls.withScriptFallback(
				() -> CompletableFuture.failedFuture(new RedisNoScriptException("NOSCRIPT No matching script")), () -> {
					evals.incrementAndGet();
					return CompletableFuture.completedFuture("ran");
				});
		assertThat(answer.join()).isEqualTo("ran");
		assertThat(evals).hasValue(1);
	}

	@Test
	void anotherFailureIsNotRetriedAsEval() {
		AtomicInteger evals = new AtomicInteger();
		CompletableFuture<String> answer = RedisCalls.withScriptFallback(
				() -> CompletableFuture.failedFuture(new RedisCommandExecutionException("ERR script error")), () -> {
					evals.incrementAndGet();
					return CompletableFuture.completedFuture("ran");
				});
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> this.calls.await(answer));
		assertThat(evals).hasValue(0);
	}

	@Test
	void noAnswerWithinTheTimeoutIsRedisUnavailable() {
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> this.calls.await(new CompletableFuture<>()))
			.withMessageContaining("50 ms");
	}

	@Test
	void aConnectionFailureIsRedisUnavailableAndTheCallersOwnExceptionPassesThrough() {
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(
				() -> this.calls.await(CompletableFuture.failedFuture(new RedisConnectionException("refused"))));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.calls
			.awaitSelfTimed(CompletableFuture.failedFuture(new IllegalArgumentException("the caller's own"))));
	}

	@Test
	void clusterReplicationAndFailoverRepliesAreTransient() {
		assertThat(RedisCalls.isUnavailable(new RedisCommandExecutionException("TRYAGAIN Multiple keys request")))
			.isTrue();
		assertThat(RedisCalls.isUnavailable(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")))
			.isTrue();
		assertThat(RedisCalls.isUnavailable(new RedisCommandExecutionException("ERR wrong number of arguments")))
			.isFalse();
	}

	@Test
	void aConnectionResetUnderACallIsTransient() {
		// what a command in flight gets when its master is killed (seen as a 500 in
		// RedisFailoverEventsIntegrationTests before)
		assertThat(RedisCalls.isUnavailable(
				new IllegalStateException("Redis call failed", new java.net.SocketException("Connection reset"))))
			.isTrue();
		assertThat(RedisCalls.translate(new java.net.SocketException("Connection reset")))
			.isInstanceOf(RedisUnavailableException.class);
		// and a slot whose master the topology does not know yet, after the failover
		assertThat(RedisCalls.isUnavailable(new io.lettuce.core.cluster.PartitionSelectorException(
				"Cannot determine a partition for slot 14542.", null)))
			.isTrue();
	}

}
