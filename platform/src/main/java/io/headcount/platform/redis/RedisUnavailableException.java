package io.headcount.platform.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Redis could not carry out a command right now: it did not answer within the configured
 * timeout, a connection failed, a node is failing over or a slot is moving. Nothing the
 * client did was wrong and a retry shortly after may succeed; the web edge answers 503
 * with {@code Retry-After}.
 */
public class RedisUnavailableException extends RuntimeException {

	/**
	 * Long enough for a Redis Cluster failover to be noticed, short enough for an
	 * interactive user.
	 */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

	private final Duration retryAfter;

	public RedisUnavailableException(String message, @Nullable Throwable cause) {
		this(message, DEFAULT_RETRY_AFTER, cause);
	}

	public RedisUnavailableException(String message, Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** When a retry may succeed. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
