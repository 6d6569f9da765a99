package io.headcount.counter.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.headcount.counter.counters.AppliedChange;
import io.headcount.counter.counters.CounterChangeListener;
import io.headcount.counter.counters.CounterService;
import io.headcount.counter.counters.ObjectCounts;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who watches which object, and the tick that pushes: changes (local ones directly, other
 * instances' via the Kafka change feed) only mark an object dirty; every interval the
 * dirty watched objects are read fresh from Redis, once, and offered to their watchers.
 * So a watcher gets at most one message per object per interval, always with the latest
 * value and its version.
 */
@Component
public class LiveCounts implements CounterChangeListener {

	private final ConcurrentHashMap<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();

	private volatile Set<String> dirty = ConcurrentHashMap.newKeySet();

	private final CounterService counters;

	LiveCounts(CounterService counters) {
		this.counters = counters;
	}

	@Override
	public void applied(AppliedChange change) {
		changed(change.objectId());
	}

	/** Marks an object as changed (from any instance). */
	public void changed(String objectId) {
		if (this.watchers.containsKey(objectId)) {
			this.dirty.add(objectId);
		}
	}

	void watch(Watcher session, Collection<String> objectIds) {
		for (String id : objectIds) {
			if (session.objects.add(id)) {
				this.watchers.computeIfAbsent(id, (k) -> ConcurrentHashMap.newKeySet()).add(session);
			}
		}
		// the first value of each new subscription goes out with the next tick
		this.dirty.addAll(objectIds);
	}

	void unwatch(Watcher session, Collection<String> objectIds) {
		for (String id : objectIds) {
			session.objects.remove(id);
			this.watchers.computeIfPresent(id, (k, set) -> {
				set.remove(session);
				return set.isEmpty() ? null : set;
			});
		}
	}

	void remove(Watcher session) {
		unwatch(session, List.copyOf(session.objects));
	}

	@Scheduled(fixedRateString = "${headcount.counter.live.interval:250ms}")
	void tick() {
		Set<String> changed = this.dirty;
		this.dirty = ConcurrentHashMap.newKeySet();
		List<String> watched = new ArrayList<>();
		for (String id : changed) {
			if (this.watchers.containsKey(id)) {
				watched.add(id);
			}
		}
		if (watched.isEmpty()) {
			return;
		}
		this.counters.readFresh(watched).thenAccept(this::push).exceptionally((ex) -> {
			this.dirty.addAll(watched); // try again next tick
			return null;
		});
	}

	private void push(Map<String, ObjectCounts> counts) {
		counts.forEach((id, value) -> {
			Set<Watcher> sessions = this.watchers.get(id);
			if (sessions != null) {
				sessions.forEach((s) -> s.offer(value));
			}
		});
	}

}
