package io.headcount.platform.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The one way a service talks to Redis asynchronously: run a {@link LuaScript} with
 * EVALSHA and a single EVAL fallback, wait for an answer with one configured timeout
 * ({@code spring.data.redis.timeout}), and turn every "Redis cannot answer now" failure
 * into one exception, {@link RedisUnavailableException}, which the web edge answers with
 * 503. Other failures (an exception the caller's own continuation threw, a script error)
 * pass through unchanged.
 */
public final class RedisCalls {

	/**
	 * Redis replies that mean "the cluster is failing over or busy", not "your command is
	 * wrong".
	 */
	private static final Set<String> TRANSIENT_REPLIES = Set.of("CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN",
			"READONLY", "NOREPLICAS", "BUSY");

	private final Duration timeout;

	public RedisCalls(Duration timeout) {
		this.timeout = timeout;
	}

	/** How long {@link #await} waits. */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Runs {@code evalsha}; when the node answers NOSCRIPT (a new master after a
	 * failover, a flushed script cache) runs {@code eval} once. Both send the same
	 * script: the first by its SHA-1, the second by its text. For callers that write
	 * their own command arguments (raw bytes).
	 */
	public static <T> CompletableFuture<T> withScriptFallback(Supplier<? extends CompletionStage<T>> evalsha,
			Supplier<? extends CompletionStage<T>> eval) {
		CompletableFuture<T> first;
		try {
			first = evalsha.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return first.exceptionallyCompose(
				(failure) -> isNoScript(failure) ? eval.get() : CompletableFuture.failedFuture(unwrap(failure)));
	}

	/**
	 * A script with String keys and arguments, its reply as Lettuce's {@code MULTI}
	 * output.
	 */
	public static CompletableFuture<java.util.List<Object>> eval(RedisClusterAsyncCommands<String, String> commands,
			LuaScript script, String[] keys, String... args) {
		return withScriptFallback(
				() -> commands.<java.util.List<Object>>evalsha(script.sha1(), ScriptOutputType.MULTI, keys, args),
				() -> commands.<java.util.List<Object>>eval(script.text(), ScriptOutputType.MULTI, keys, args));
	}

	/**
	 * Waits for Redis' answer at most the configured timeout.
	 * @throws RedisUnavailableException when it does not come in time or Redis cannot
	 * answer now
	 */
	public <T> T await(CompletionStage<T> answer) {
		try {
			return answer.toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new RedisUnavailableException("Redis did not answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (ExecutionException | CancellationException ex) {
			throw translate(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("Interrupted while waiting for Redis", ex);
		}
	}

	/**
	 * Waits for an answer that already fails by itself after the timeout (a future a
	 * sweeper expires), without arming a timer of its own: on virtual threads a timed
	 * wait costs a scheduler task per call.
	 * @throws RedisUnavailableException when Redis cannot answer now
	 */
	public <T> T awaitSelfTimed(CompletableFuture<T> answer) {
		try {
			return answer.get();
		}
		catch (ExecutionException | CancellationException ex) {
			throw translate(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("Interrupted while waiting for Redis", ex);
		}
	}

	/**
	 * The exception to throw for a failed Redis call: {@link RedisUnavailableException}
	 * when Redis cannot answer now, otherwise the failure itself (unwrapped from the
	 * future's wrappers).
	 */
	public static RuntimeException translate(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof RedisUnavailableException unavailable) {
			return unavailable;
		}
		if (isUnavailable(cause)) {
			return new RedisUnavailableException("Redis is unavailable: " + cause.getMessage(), cause);
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Redis call failed", cause);
	}

	/**
	 * Whether this failure, or one of its causes, says Redis is unreachable, slow or
	 * failing over rather than that the command was wrong.
	 */
	public static boolean isUnavailable(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisUnavailableException || cause instanceof RedisConnectionException
					|| cause instanceof RedisCommandTimeoutException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof TransientDataAccessException
					// the connection broke under a call (a master killed mid-reply:
					// "Connection
					// reset"): whether it was applied is unknown, and a retry is the
					// answer
					|| cause instanceof java.io.IOException
					// a slot without a known master while the topology is refreshed after
					// a
					// failover
					|| cause instanceof io.lettuce.core.cluster.PartitionSelectorException) {
				return true;
			}
			if ((cause instanceof RedisException
					|| cause instanceof org.springframework.data.redis.RedisSystemException)
					&& isTransientReply(cause.getMessage())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * An integer of a script's reply (Lettuce gives {@code Long}s, or strings for values
	 * a script returned as strings); {@code 0} for a missing one.
	 */
	public static long asLong(@Nullable Object reply) {
		if (reply == null) {
			return 0;
		}
		if (reply instanceof Number number) {
			return number.longValue();
		}
		return Long.parseLong(reply.toString());
	}

	static boolean isNoScript(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisNoScriptException
					|| (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static boolean isTransientReply(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String trimmed = message.strip();
		int space = trimmed.indexOf(' ');
		String code = (space > 0) ? trimmed.substring(0, space) : trimmed;
		return TRANSIENT_REPLIES.contains(code) || TRANSIENT_REPLIES.stream().anyMatch(trimmed::contains);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable t = failure;
		while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}

}
