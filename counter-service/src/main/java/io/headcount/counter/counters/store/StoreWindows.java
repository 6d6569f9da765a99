package io.headcount.counter.counters.store;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Closes the store's one-second windows: which objects are hot, and the near cache's hit
 * ratio.
 */
final class StoreWindows {

	private final HotObjects hotObjects;

	private final NearCache nearCache;

	StoreWindows(HotObjects hotObjects, NearCache nearCache) {
		this.hotObjects = hotObjects;
		this.nearCache = nearCache;
	}

	@Scheduled(fixedRate = 1000)
	void roll() {
		this.hotObjects.roll();
		this.nearCache.roll();
	}

}
