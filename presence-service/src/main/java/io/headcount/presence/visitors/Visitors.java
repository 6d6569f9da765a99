package io.headcount.presence.visitors;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.web.RetryAfter;
import io.headcount.platform.web.TokenBuckets;
import io.headcount.platform.web.TooManyRequestsException;
import org.jspecify.annotations.Nullable;

/**
 * The session API's domain: sessions of configured sites only, opens limited per client
 * address, the event's bot flag and address hash made here.
 */
class Visitors {

	private final Sites sites;

	private final VisitorStore store;

	private final RedisCalls redis;

	private final TokenBuckets opens;

	private final ClientTraits traits;

	Visitors(Sites sites, VisitorStore store, RedisCalls redis, VisitorsProperties properties, ClientTraits traits) {
		this.sites = sites;
		this.store = store;
		this.redis = redis;
		this.traits = traits;
		this.opens = new TokenBuckets(properties.opensPerSecondPerAddress(), properties.openBurstPerAddress(),
				System::nanoTime);
	}

	/**
	 * Opens a session of a configured site.
	 * @throws UnknownSite before anything is counted or limited
	 * @throws TooManyRequestsException when the address opened too many sessions
	 */
	Opened open(String siteId, @Nullable String objectId, String address, @Nullable String userAgent) {
		Site site = this.sites.require(VisitorIds.site(siteId));
		VisitorIds.object(objectId);
		long wait = this.opens.tryAcquire(address);
		if (wait > 0) {
			Duration retry = Duration.ofNanos(wait);
			throw new TooManyRequestsException(
					"Too many sessions opened from this address; retry in " + RetryAfter.seconds(retry) + " s", retry);
		}
		String sessionId = VisitorIds.newSession();
		Instant at = this.redis.await(this.store.open(site, sessionId, objectId, this.traits.isBot(userAgent),
				this.traits.addressHash(address, Instant.now())));
		return new Opened(site, sessionId, at);
	}

	/**
	 * @throws UnknownSession when the session is not live: the client opens a new one
	 */
	void heartbeat(String siteId, String sessionId, @Nullable String objectId) {
		Site site = this.sites.require(VisitorIds.site(siteId));
		VisitorIds.session(sessionId);
		VisitorIds.object(objectId);
		if (!this.redis.await(this.store.heartbeat(site, sessionId, objectId))) {
			throw new UnknownSession(siteId, sessionId);
		}
	}

	/** Closing a closed, timed-out or unknown session is fine: nothing happens. */
	void close(String siteId, String sessionId) {
		Site site = this.sites.require(VisitorIds.site(siteId));
		VisitorIds.session(sessionId);
		this.redis.await(this.store.close(site, sessionId));
	}

	VisitorStore.Count count(String siteId, @Nullable String objectId, int top) {
		return this.redis.await(countAsync(this.sites.require(VisitorIds.site(siteId)), objectId, top));
	}

	CompletableFuture<VisitorStore.Count> countAsync(Site site, @Nullable String objectId, int top) {
		return this.store.count(site, VisitorIds.object(objectId), top);
	}

	Sites sites() {
		return this.sites;
	}

	record Opened(Site site, String sessionId, Instant at) {

	}

}
