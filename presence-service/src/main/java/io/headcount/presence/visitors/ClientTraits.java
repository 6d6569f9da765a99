package io.headcount.presence.visitors;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session's event says about its client without identifying it: whether the user
 * agent looks automated, and a salted hash of the address. The hash is an HMAC-SHA-256 of
 * the UTC day and the address under a secret salt, cut to 128 bits: the nightly batch can
 * tell sessions of one address apart from others within a day, nobody can reverse it
 * without the salt, and days cannot be linked.
 */
class ClientTraits {

	private static final Logger logger = LoggerFactory.getLogger(ClientTraits.class);

	/** Crawlers, monitors, HTTP libraries and automated browsers name themselves so. */
	private static final Pattern BOT = Pattern
		.compile("bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|headless|phantomjs|selenium"
				+ "|puppeteer|playwright|lighthouse|curl|wget|python|java/|okhttp|go-http|httpclient|libwww|axios"
				+ "|node-fetch", Pattern.CASE_INSENSITIVE);

	private final SecretKeySpec salt;

	ClientTraits(@Nullable String salt) {
		byte[] key;
		if (salt == null || salt.isBlank()) {
			logger.warn("headcount.visitors.address-salt is not set: this instance hashes client addresses with a "
					+ "salt of its own, so the same address hashes differently on other instances");
			key = new byte[32];
			new SecureRandom().nextBytes(key);
		}
		else {
			key = salt.getBytes(StandardCharsets.UTF_8);
		}
		this.salt = new SecretKeySpec(key, "HmacSHA256");
	}

	/** No user agent at all is a bot too: every browser sends one. */
	boolean isBot(@Nullable String userAgent) {
		return userAgent == null || userAgent.isBlank() || BOT.matcher(userAgent).find();
	}

	String addressHash(String address, Instant at) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.salt);
			mac.update(LocalDate.ofInstant(at, ZoneOffset.UTC).toString().getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) '|');
			byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
