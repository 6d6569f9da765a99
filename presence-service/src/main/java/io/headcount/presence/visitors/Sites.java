package io.headcount.presence.visitors;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;

/**
 * The sites' configurations: in Redis (one hash per site), read through a short cache on
 * each instance, so that the session API costs no extra round trip and made-up site ids
 * cost one read per id and cache period, never a write. A change made on another instance
 * is seen here within {@code site-cache-ttl}; an unknown site is remembered for a second
 * only, so that a new site is usable at once.
 */
class Sites {

	private static final Duration UNKNOWN_TTL = Duration.ofSeconds(1);

	private final RedisConnections redis;

	private final RedisCalls calls;

	private final Cache<String, Optional<Site>> cache;

	Sites(RedisConnections redis, RedisCalls calls, Duration ttl) {
		this.redis = redis;
		this.calls = calls;
		this.cache = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfter(Expiry.<String, Optional<Site>>writing(
					(id, site) -> site.isPresent() ? ttl : (ttl.compareTo(UNKNOWN_TTL) < 0 ? ttl : UNKNOWN_TTL)))
			.build();
	}

	/** Creates or replaces a site's configuration. */
	Site put(Site site) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("origins", String.join(" ", site.allowedOrigins()));
		fields.put("hb", Long.toString(site.heartbeatInterval().toMillis()));
		fields.put("timeout", Long.toString(site.sessionTimeout().toMillis()));
		fields.put("inactivity", Long.toString(site.inactivity().toMillis()));
		this.calls.await(this.redis.async().hset(VisitorShards.site(site.id()), fields));
		this.calls.await(this.redis.async().sadd(VisitorShards.SITE_IDS, site.id()));
		this.cache.put(site.id(), Optional.of(site));
		return site;
	}

	/** The site's configuration, or empty when there is no such site. */
	Optional<Site> find(String siteId) {
		Optional<Site> cached = this.cache.getIfPresent(siteId);
		if (cached != null) {
			return cached;
		}
		Optional<Site> read = this.calls.await(load(siteId));
		this.cache.put(siteId, read);
		return read;
	}

	/** Every configured site's id (the fleet gauge reports each). */
	CompletableFuture<Set<String>> ids() {
		return this.redis.async().smembers(VisitorShards.SITE_IDS).toCompletableFuture();
	}

	/**
	 * @throws UnknownSite when there is no such site
	 */
	Site require(String siteId) {
		return find(siteId).orElseThrow(() -> new UnknownSite(siteId));
	}

	private CompletableFuture<Optional<Site>> load(String siteId) {
		return this.redis.async().hgetall(VisitorShards.site(siteId)).toCompletableFuture().thenApply((fields) -> {
			if (fields.isEmpty()) {
				return Optional.empty();
			}
			String origins = fields.getOrDefault("origins", "");
			List<String> allowed = origins.isEmpty() ? List.of() : Arrays.asList(origins.split(" "));
			return Optional.of(new Site(siteId, allowed, millis(fields.get("hb")), millis(fields.get("timeout")),
					millis(fields.get("inactivity"))));
		});
	}

	private static Duration millis(String value) {
		return Duration.ofMillis(Long.parseLong(value));
	}

}
