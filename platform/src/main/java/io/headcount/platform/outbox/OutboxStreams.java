package io.headcount.platform.outbox;

import java.util.List;

import org.springframework.util.Assert;

/**
 * The outbox streams of one service, which its relays move to Kafka: a service declares
 * them as a bean, and its Lua scripts write to them.
 *
 * @param name the outbox's name, a bounded metric tag ({@code counter}, {@code presence})
 * and part of the relays' Redis keys
 * @param keys the stream keys, each with a hash tag that puts it on the node where the
 * scripts that write it run
 */
public record OutboxStreams(String name, List<String> keys) {

	public OutboxStreams {
		Assert.hasText(name, "name must not be empty");
		Assert.notEmpty(keys, "an outbox needs at least one stream");
		keys = List.copyOf(keys);
	}

	/** The lease key of a stream: same hash tag, so one script takes it and reads. */
	public static String leaseKey(String stream) {
		return stream + ":lease";
	}

	/** The sorted set in which this outbox's relays announce themselves. */
	String relaysKey() {
		return "headcount:outbox:{relays-" + this.name + "}";
	}

}
