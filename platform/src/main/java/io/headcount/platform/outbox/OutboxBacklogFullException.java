package io.headcount.platform.outbox;

import java.time.Duration;

import io.headcount.platform.redis.RedisUnavailableException;

/**
 * A change was refused because its outbox stream holds
 * {@code headcount.outbox.max-backlog} records that have not reached Kafka: Headcount
 * refuses a change rather than apply it without its event. Nothing was written; the web
 * edge answers 503 with {@code Retry-After}, as for any Redis that cannot take a write
 * now.
 */
public class OutboxBacklogFullException extends RedisUnavailableException {

	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	public OutboxBacklogFullException(long maxBacklog) {
		super("Events are not reaching Kafka: the outbox holds its limit of " + maxBacklog
				+ " records; try again later.", RETRY_AFTER, null);
	}

}
