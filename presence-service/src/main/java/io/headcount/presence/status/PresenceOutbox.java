package io.headcount.presence.status;

import java.util.stream.IntStream;

import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.presence.config.PresenceProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The presence outbox: one stream per shard ({@code presence:{p<i>}:outbox}), in the
 * shard's slot, so presence.lua writes a transition's PresenceChanged in the call that
 * makes it; platform's relay moves them to Kafka.
 */
@Configuration(proxyBeanMethods = false)
class PresenceOutbox {

	@Bean
	OutboxStreams presenceOutboxStreams(PresenceProperties properties) {
		return new OutboxStreams("presence",
				IntStream.range(0, properties.shards()).mapToObj(PresenceShards::outbox).toList());
	}

}
