package io.headcount.presence.visitors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.headcount.platform.websocket.LiveSession;
import io.headcount.presence.visitors.VisitorStore.ObjectCount;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's watchers, grouped by what they watch (a site, or a site and one of its
 * objects). Each push interval one count per group is read and sent to the group's
 * sessions when it differs from the last one sent; a new watcher gets the current count
 * at once. Counts come from Redis, so watchers on every instance see the same figure.
 */
class Watchers {

	private static final Logger logger = LoggerFactory.getLogger(Watchers.class);

	private final Visitors visitors;

	private final VisitorsProperties properties;

	private final Map<Watch, Group> groups = new ConcurrentHashMap<>();

	private final Map<String, Watch> bySession = new ConcurrentHashMap<>();

	Watchers(Visitors visitors, VisitorsProperties properties) {
		this.visitors = visitors;
		this.properties = properties;
	}

	/** Starts (or changes) what a session watches, and sends it the current count. */
	void watch(LiveSession session, Site site, @Nullable String objectId) {
		unwatch(session);
		Watch watch = new Watch(site.id(), objectId);
		this.bySession.put(session.id(), watch);
		Group group = this.groups.computeIfAbsent(watch, (w) -> new Group(site, objectId));
		group.sessions.add(session);
		read(group).thenAccept((frame) -> {
			if (frame != null) {
				session.offer("visitors", frame);
			}
		});
	}

	void unwatch(LiveSession session) {
		Watch watch = this.bySession.remove(session.id());
		if (watch == null) {
			return;
		}
		this.groups.computeIfPresent(watch, (w, group) -> {
			group.sessions.remove(session);
			return group.sessions.isEmpty() ? null : group;
		});
	}

	int watched() {
		return this.groups.size();
	}

	/** One push round: every group's count, sent where it changed. */
	void pushAll() {
		List<CompletableFuture<?>> reads = new ArrayList<>(this.groups.size());
		for (Group group : this.groups.values()) {
			reads.add(read(group).thenAccept((frame) -> {
				if (frame != null && !frame.sameCount(group.lastSent)) {
					group.lastSent = frame;
					group.sessions.forEach((session) -> session.offer("visitors", frame));
				}
			}));
		}
		try {
			CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
				.get(this.properties.pushInterval().toMillis() * 5, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Reading watched visitor counts failed: {}", ex.toString());
		}
	}

	private CompletableFuture<@Nullable VisitorsFrame> read(Group group) {
		// a site's configuration may have changed (its timeout): read through the cache
		Site site = this.visitors.sites().find(group.site.id()).orElse(group.site);
		return this.visitors.countAsync(site, group.objectId, this.properties.topObjects())
			.thenApply((count) -> VisitorsFrame.of(site.id(), group.objectId, count))
			.exceptionally((failure) -> {
				logger.debug("Counting visitors of {} failed: {}", site.id(), failure.toString());
				return null;
			});
	}

	private record Watch(String siteId, @Nullable String objectId) {

	}

	private static final class Group {

		final Site site;

		final @Nullable String objectId;

		final Set<LiveSession> sessions = ConcurrentHashMap.newKeySet();

		volatile @Nullable VisitorsFrame lastSent;

		Group(Site site, @Nullable String objectId) {
			this.site = site;
			this.objectId = objectId;
		}

	}

	/**
	 * {@code {"type":"visitors","siteId":"…","concurrent":12,"asOf":"…","object":{…}|null,"top":[…]}}.
	 */
	record VisitorsFrame(String type, String siteId, long concurrent, Instant asOf, @Nullable ObjectCount object,
			List<ObjectCount> top) {

		static VisitorsFrame of(String siteId, @Nullable String objectId, VisitorStore.Count count) {
			return new VisitorsFrame("visitors", siteId, count.concurrent(), count.asOf(),
					(objectId != null) ? new ObjectCount(objectId, count.onObject()) : null, count.top());
		}

		boolean sameCount(@Nullable VisitorsFrame other) {
			return other != null && other.concurrent == this.concurrent && Objects.equals(other.object, this.object)
					&& other.top.equals(this.top);
		}

	}

}
