package io.headcount.bench.presence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens for load clients (the bench does not depend on platform). */
final class Jwt {

	private static final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

	private Jwt() {
	}

	static String mint(String secret, String subject, Duration ttl) {
		return mint(secret, subject, ttl, "");
	}

	static String mint(String secret, String subject, Duration ttl, String scope) {
		long now = Instant.now().getEpochSecond();
		String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		String payload = encode("{\"sub\":\"" + subject + "\",\"scope\":\"" + scope + "\",\"iat\":" + now + ",\"exp\":"
				+ (now + ttl.toSeconds()) + "}");
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String signature = base64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
			return header + "." + payload + "." + signature;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String json) {
		return base64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
