package io.headcount.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a token must hold to name a user (docs/limits.md): a {@code sub} that is present,
 * not blank, at most {@value #MAX_SUBJECT_LENGTH} characters and free of control
 * characters (it becomes a Redis key part and a log field); an {@code exp} (a token
 * without one would never expire); {@code nbf} and {@code iat} not in the future, and
 * {@code exp} not past, beyond the configured clock skew; the issuer and audience when
 * configured.
 */
public final class HeadcountTokenValidator implements OAuth2TokenValidator<Jwt> {

	public static final int MAX_SUBJECT_LENGTH = 128;

	private final Duration clockSkew;

	private final @Nullable String issuer;

	private final @Nullable String audience;

	private final Clock clock;

	HeadcountTokenValidator(Duration clockSkew, @Nullable String issuer, @Nullable String audience, Clock clock) {
		this.clockSkew = clockSkew;
		this.issuer = issuer;
		this.audience = audience;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		List<OAuth2Error> errors = new ArrayList<>();
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			errors.add(invalid("The token has no subject"));
		}
		else if (subject.length() > MAX_SUBJECT_LENGTH || subject.chars().anyMatch(Character::isISOControl)) {
			errors.add(invalid("The token's subject is too long or holds control characters"));
		}
		Instant now = this.clock.instant();
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			errors.add(invalid("The token has no expiry"));
		}
		else if (now.minus(this.clockSkew).isAfter(expiresAt)) {
			errors.add(invalid("The token has expired"));
		}
		Instant notBefore = jwt.getNotBefore();
		if (notBefore != null && now.plus(this.clockSkew).isBefore(notBefore)) {
			errors.add(invalid("The token is not valid yet"));
		}
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null && now.plus(this.clockSkew).isBefore(issuedAt)) {
			errors.add(invalid("The token was issued in the future"));
		}
		if (this.issuer != null && !this.issuer.equals(jwt.getClaimAsString("iss"))) {
			errors.add(invalid("The token's issuer is not accepted"));
		}
		if (this.audience != null && (jwt.getAudience() == null || !jwt.getAudience().contains(this.audience))) {
			errors.add(invalid("The token's audience is not accepted"));
		}
		return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
	}

}
