package io.headcount.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 tokens that the services accept when they share the secret: for development (the run
 * command prints one), tests and load generators. Production tokens come from an identity provider.
 */
public final class DevTokens {

	/** HS256 needs a key at least as long as its hash. */
	public static final int MIN_SECRET_BYTES = 32;

	private DevTokens() {
	}

	/**
	 * A compact JWT with {@code sub}, {@code iat}, {@code exp}, {@code jti} and, if any scopes are
	 * given, a space-separated {@code scope} claim (which becomes {@code SCOPE_x} authorities).
	 * @param ttl lifetime from now; negative for an already expired token
	 */
	public static String mint(String secret, String subject, Duration ttl, String... scopes) {
		Instant now = Instant.now();
		Instant expiresAt = now.plus(ttl);
		// an expired token must still be well formed: issued before it expired
		Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minusSeconds(60);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString());
		if (scopes.length > 0) {
			claims.claim("scope", String.join(" ", scopes));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
		try {
			jwt.sign(new MACSigner(secretKey(secret)));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cannot sign with this secret: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

	/** The HS256 key for a shared secret, checking its length. */
	public static SecretKey secretKey(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("The JWT secret must be at least " + MIN_SECRET_BYTES
					+ " bytes (headcount.security.jwt.hmac-secret or HEADCOUNT_JWT_SECRET), got " + bytes.length);
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

}
