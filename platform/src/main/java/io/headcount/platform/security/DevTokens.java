package io.headcount.platform.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 key of development tokens, which the services accept when they share the
 * secret. The tests, the bench and {@code ./headcount token} mint them with
 * test-support's {@code Tokens}; production tokens come from an identity provider.
 */
public final class DevTokens {

	/** HS256 needs a key at least as long as its hash. */
	public static final int MIN_SECRET_BYTES = 32;

	private DevTokens() {
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
