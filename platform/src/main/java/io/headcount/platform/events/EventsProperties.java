package io.headcount.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How events are buffered and sent ({@code headcount.events.*}).
 *
 * @param bufferCapacity events held in memory while the broker is slow or down; sized for
 * more than a minute of a busy instance's events (about 200 bytes each)
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms}: how long it retries
 * one record before handing it back to the publisher, which retries it again
 * @param maxBlock the producer's {@code max.block.ms}: how long a send may wait for
 * metadata or buffer space; only the sender thread ever waits
 * @param retryBackoff pause before resending events the producer gave back
 * @param shutdownTimeout how long shutdown waits for buffered events to reach the broker
 * @param createTopics declare the {@link Topics} (broker defaults for partitions and
 * replicas)
 */
@ConfigurationProperties("headcount.events")
public record EventsProperties(@DefaultValue("200000") int bufferCapacity, @DefaultValue("3m") Duration deliveryTimeout,
		@DefaultValue("5s") Duration maxBlock, @DefaultValue("1s") Duration retryBackoff,
		@DefaultValue("10s") Duration shutdownTimeout, @DefaultValue("true") boolean createTopics) {

}
