package io.headcount.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer and audience rules, which only apply when configured (the other claim rules
 * are exercised through the chain in {@code ResourceServerTests}).
 */
class HeadcountTokenValidatorTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void issuerAndAudienceAreCheckedWhenConfigured() {
		HeadcountTokenValidator validator = new HeadcountTokenValidator(Duration.ofSeconds(30), "https://id.example",
				"headcount", CLOCK);

		assertThat(validator.validate(token("https://id.example", List.of("headcount"))).hasErrors()).isFalse();
		assertThat(descriptions(validator, token("https://other.example", List.of("headcount"))))
			.containsExactly("The token's issuer is not accepted");
		assertThat(descriptions(validator, token("https://id.example", List.of("other"))))
			.containsExactly("The token's audience is not accepted");
		assertThat(descriptions(validator, token(null, null))).containsExactly("The token's issuer is not accepted",
				"The token's audience is not accepted");
	}

	@Test
	void issuerAndAudienceAreFreeWhenNotConfigured() {
		HeadcountTokenValidator validator = new HeadcountTokenValidator(Duration.ofSeconds(30), null, null, CLOCK);

		assertThat(validator.validate(token("https://anyone.example", List.of("anything"))).hasErrors()).isFalse();
		assertThat(validator.validate(token(null, null)).hasErrors()).isFalse();
	}

	private static List<String> descriptions(HeadcountTokenValidator validator, Jwt jwt) {
		return validator.validate(jwt).getErrors().stream().map(OAuth2Error::getDescription).toList();
	}

	private static Jwt token(String issuer, List<String> audience) {
		Jwt.Builder jwt = Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.subject("u-1")
			.issuedAt(NOW.minusSeconds(10))
			.expiresAt(NOW.plusSeconds(300));
		if (issuer != null) {
			jwt.claim("iss", issuer);
		}
		if (audience != null) {
			jwt.audience(audience);
		}
		return jwt.build();
	}

}
