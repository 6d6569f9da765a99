package io.headcount.presence.status;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.status.DeviceCommand.Op;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What users do with presence: set a status, heartbeat, leave, look at others. Every
 * effective status change goes to the {@link TransitionListener}s (Kafka, metrics).
 */
@Service
public class PresenceService implements DisposableBean {

	private final PresenceStore store;

	private final PresenceProperties properties;

	private final ObjectProvider<TransitionListener> listeners;

	private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();

	private final CommandBatcher batcher;

	public PresenceService(PresenceStore store, PresenceProperties properties,
			ObjectProvider<TransitionListener> listeners) {
		this.store = store;
		this.properties = properties;
		this.listeners = listeners;
		this.batcher = new CommandBatcher(store, properties.maxBatch(), this.completions, this::report);
	}

	public CompletableFuture<Outcome> set(String userId, String deviceId, PresenceStatus status) {
		return apply(new DeviceCommand(userId, deviceId, Op.of(status), this.properties.timeout()));
	}

	public CompletableFuture<Outcome> heartbeat(String userId, String deviceId) {
		return apply(new DeviceCommand(userId, deviceId, Op.HB, this.properties.timeout()));
	}

	/**
	 * The device's connection dropped: keep it for the grace window, so a quick reconnect
	 * is silent.
	 */
	public CompletableFuture<Outcome> linger(String userId, String deviceId) {
		return apply(new DeviceCommand(userId, deviceId, Op.LINGER, this.properties.grace()));
	}

	public CompletableFuture<List<PresenceView>> read(String viewer, List<String> userIds) {
		return this.store.read(viewer, userIds);
	}

	public CompletableFuture<PresenceView> me(String userId) {
		return this.store.read(userId, List.of(userId)).thenApply(List::getFirst);
	}

	/** Reports outcomes computed elsewhere (the sweeper) to the listeners. */
	public void report(Collection<Outcome> outcomes) {
		for (Outcome outcome : outcomes) {
			if (outcome.isTransition()) {
				this.listeners.orderedStream().forEach((listener) -> listener.onTransition(outcome));
			}
		}
	}

	public Duration timeout() {
		return this.properties.timeout();
	}

	private CompletableFuture<Outcome> apply(DeviceCommand command) {
		return this.batcher.submit(command);
	}

	@Override
	public void destroy() {
		this.completions.shutdown();
	}

}
