package io.headcount.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.BadJwtException;

class CachingJwtDecoderTests {

	private static final Instant now = Instant.parse("2026-11-25T12:00:00Z");

	private final AtomicInteger decodes = new AtomicInteger();

	@Test
	void aValidTokenIsDecodedOnceWhileItIsRemembered() {
		JwtDecoder decoder = new CachingJwtDecoder(counting(now.plusSeconds(600)), Duration.ofMinutes(1), 10,
				Clock.fixed(now, ZoneOffset.UTC));
		assertThat(decoder.decode("t").getSubject()).isEqualTo("alice");
		assertThat(decoder.decode("t").getSubject()).isEqualTo("alice");
		assertThat(this.decodes).hasValue(1);
	}

	@Test
	void aRememberedTokenPastItsExpiryIsValidatedAgain() {
		JwtDecoder expiring = (token) -> {
			if (this.decodes.incrementAndGet() > 1) {
				throw new BadJwtException("Jwt expired");
			}
			return jwt(now.plusSeconds(5));
		};
		MutableClock clock = new MutableClock(now);
		JwtDecoder decoder = new CachingJwtDecoder(expiring, Duration.ofMinutes(1), 10, clock);
		decoder.decode("t");
		clock.instant = now.plusSeconds(6);
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("t"));
	}

	@Test
	void anInvalidTokenIsNeverRemembered() {
		JwtDecoder failing = (token) -> {
			this.decodes.incrementAndGet();
			throw new BadJwtException("bad signature");
		};
		JwtDecoder decoder = new CachingJwtDecoder(failing, Duration.ofMinutes(1), 10,
				Clock.fixed(now, ZoneOffset.UTC));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("t"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("t"));
		assertThat(this.decodes).hasValue(2);
	}

	private JwtDecoder counting(Instant expiresAt) {
		return (token) -> {
			this.decodes.incrementAndGet();
			return jwt(expiresAt);
		};
	}

	private static Jwt jwt(Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.subject("alice")
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
	}

	private static final class MutableClock extends Clock {

		Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
