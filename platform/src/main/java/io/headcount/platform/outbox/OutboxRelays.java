package io.headcount.platform.outbox;

import java.util.List;

import org.springframework.context.SmartLifecycle;

/**
 * One {@link OutboxRelay} per {@link OutboxStreams} bean of a service (presence-service
 * has two outboxes: user presence and site visitors, each with its own streams, leases
 * and metric tag), started and stopped together in the relays' phase.
 */
public final class OutboxRelays implements SmartLifecycle {

	private final List<OutboxRelay> relays;

	OutboxRelays(List<OutboxRelay> relays) {
		this.relays = List.copyOf(relays);
	}

	/** The relays, in the order of their outboxes' beans. */
	public List<OutboxRelay> all() {
		return this.relays;
	}

	/** The relay of the outbox named {@code name}. */
	public OutboxRelay named(String name) {
		return this.relays.stream()
			.filter((relay) -> relay.streams().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No outbox named " + name));
	}

	@Override
	public void start() {
		this.relays.forEach(OutboxRelay::start);
	}

	/** Drains the relays one after the other (each waits for Kafka's last answers). */
	@Override
	public void stop() {
		this.relays.forEach(OutboxRelay::stop);
	}

	@Override
	public boolean isRunning() {
		return this.relays.stream().anyMatch(OutboxRelay::isRunning);
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
