package io.headcount.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outbox records reach Kafka ({@code headcount.outbox.*}).
 *
 * @param leaseTtl how long a relay's lease on a stream lives without renewal: how long
 * the stream of a killed instance stalls before another instance relays it
 * @param pollInterval pause between two reads of a stream that had nothing more to read
 * @param idlePollInterval longest pause while the relay's streams stay empty: the pause
 * doubles from {@code poll-interval} up to this after each turn that found nothing, and
 * is back at {@code poll-interval} after the first record (so the first event after a
 * quiet spell waits up to this long)
 * @param batchSize most records read and sent at once from one stream
 * @param maxBacklog records one stream may hold: at the limit the services' scripts
 * refuse further changes (503) rather than lose their events or fill Redis' memory
 * @param replicas replicas that must have a record before it is sent (Redis
 * {@code WAIT}), so that Kafka never gets the event of a change a failover then loses; 0
 * for a Redis without replicas
 * @param replicaTimeout how long one {@code WAIT} waits; records whose replicas did not
 * answer are not sent, and read again on the next turn
 * @param retryBackoff pause before a stream whose records Kafka did not take is read
 * again
 * @param warnAge the health shows a warning when a stream's oldest record is older
 * @param shutdownTimeout how long stopping waits for records on their way to Kafka
 */
@ConfigurationProperties("headcount.outbox")
public record OutboxProperties(@DefaultValue("3s") Duration leaseTtl, @DefaultValue("50ms") Duration pollInterval,
		@DefaultValue("400ms") Duration idlePollInterval, @DefaultValue("500") int batchSize,
		@DefaultValue("250000") long maxBacklog, @DefaultValue("1") int replicas,
		@DefaultValue("500ms") Duration replicaTimeout, @DefaultValue("1s") Duration retryBackoff,
		@DefaultValue("30s") Duration warnAge, @DefaultValue("5s") Duration shutdownTimeout) {

	public OutboxProperties {
		if (batchSize < 1 || maxBacklog < 1 || replicas < 0) {
			throw new IllegalArgumentException(
					"headcount.outbox.batch-size and max-backlog must be >= 1, replicas >= 0");
		}
		if (idlePollInterval.compareTo(pollInterval) < 0) {
			throw new IllegalArgumentException("headcount.outbox.idle-poll-interval must be at least poll-interval");
		}
		if (leaseTtl.compareTo(idlePollInterval.multipliedBy(4)) < 0
				|| leaseTtl.compareTo(replicaTimeout.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException(
					"headcount.outbox.lease-ttl must be at least 4 idle poll intervals and 2 replica timeouts");
		}
	}

	/** The defaults. */
	public static OutboxProperties defaults() {
		return new OutboxProperties(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(400), 500, 250_000,
				1, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
	}

}
