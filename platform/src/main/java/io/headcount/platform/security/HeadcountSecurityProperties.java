package io.headcount.platform.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code headcount.security.*}.
 *
 * @param jwt how tokens are verified when no issuer is configured
 * @param publicPaths extra path patterns anyone may call (e.g.
 * {@code /v1/sites/*}/sessions/**)
 */
@ConfigurationProperties("headcount.security")
public record HeadcountSecurityProperties(@DefaultValue Jwt jwt, @DefaultValue List<String> publicPaths) {

	/**
	 * @param hmacSecret the HS256 secret shared by every service (at least 32 bytes); the
	 * environment variable {@code HEADCOUNT_JWT_SECRET} is used when this is not set
	 * @param issuer the {@code iss} every token must carry, when set
	 * @param audience a value the token's {@code aud} must hold, when set
	 * @param clockSkew how far clocks may disagree when {@code exp}, {@code nbf} and
	 * {@code iat} are checked
	 */
	public record Jwt(@Nullable String hmacSecret, @Nullable String issuer, @Nullable String audience,
			@DefaultValue("30s") Duration clockSkew) {
	}

}
