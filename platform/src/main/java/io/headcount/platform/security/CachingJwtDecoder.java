package io.headcount.platform.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers decoded and validated tokens for a minute. A client sends the same JWT with
 * every request; parsing and verifying it again each time is a large share of a request's
 * CPU (docs/architecture.md, "Request cost"). A remembered token is still refused once it
 * expires. Invalid tokens are never remembered.
 * <p>
 * Forgotten on time even when no request comes: without a scheduler Caffeine removes
 * expired entries only while the cache is used, so after a burst of WebSocket handshakes
 * (one token each, about 1.5 KB decoded) an otherwise idle instance kept every one of
 * them.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Cache<String, Jwt> decoded;

	private final Clock clock;

	CachingJwtDecoder(JwtDecoder delegate, Duration ttl, long maximumSize, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.decoded = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(ttl)
			.scheduler(Scheduler.systemScheduler())
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.decoded.getIfPresent(token);
		if (jwt != null && (jwt.getExpiresAt() == null || jwt.getExpiresAt().isAfter(this.clock.instant()))) {
			return jwt;
		}
		jwt = this.delegate.decode(token);
		this.decoded.put(token, jwt);
		return jwt;
	}

}
