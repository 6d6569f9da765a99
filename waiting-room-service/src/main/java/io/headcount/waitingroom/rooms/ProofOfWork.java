package io.headcount.waitingroom.rooms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The optional proof of work at join, against bots that take places by the thousand: the
 * server hands a user a challenge for a room (an HMAC of room, user and expiry, so no
 * state is kept and every instance checks it), the client finds a nonce such that
 * SHA-256({@code challenge:nonce}) starts with the room's number of zero bits, and sends
 * {@code challenge:nonce} in the {@code Proof-Of-Work} header of the join.
 */
class ProofOfWork {

	static final String HEADER = "Proof-Of-Work";

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private final byte[] key;

	private final Clock clock;

	ProofOfWork(byte[] key, Clock clock) {
		this.key = key.clone();
		this.clock = clock;
	}

	/** A challenge for this user in this room: {@code <expiry ms>.<hmac>}. */
	Challenge challenge(String roomId, String userId, int bits) {
		Instant expires = this.clock.instant().plus(LIFETIME);
		String challenge = expires.toEpochMilli() + "." + mac(roomId, userId, expires.toEpochMilli());
		return new Challenge(challenge, bits, expires);
	}

	/**
	 * @throws ProofOfWorkRefused unless the header proves the room's work
	 */
	void check(String roomId, String userId, int bits, @Nullable String header) {
		if (bits <= 0) {
			return;
		}
		if (header == null || header.isBlank()) {
			throw new ProofOfWorkRefused("proof-of-work-required",
					"This room needs a proof of work: GET its challenge and send " + HEADER + ": <challenge>:<nonce>");
		}
		int colon = header.lastIndexOf(':');
		int dot = header.indexOf('.');
		if (colon < 0 || dot < 0 || dot > colon || header.length() > 200) {
			throw new ProofOfWorkRefused("proof-of-work-invalid", HEADER + " must be <challenge>:<nonce>");
		}
		String challenge = header.substring(0, colon);
		long expires;
		try {
			expires = Long.parseLong(challenge.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			throw new ProofOfWorkRefused("proof-of-work-invalid", "Not a challenge of this room");
		}
		if (!MessageDigest.isEqual(challenge.substring(dot + 1).getBytes(StandardCharsets.US_ASCII),
				mac(roomId, userId, expires).getBytes(StandardCharsets.US_ASCII))) {
			throw new ProofOfWorkRefused("proof-of-work-invalid", "Not a challenge of this room for this user");
		}
		if (expires <= this.clock.millis()) {
			throw new ProofOfWorkRefused("proof-of-work-invalid", "The challenge expired: GET a new one");
		}
		if (leadingZeroBits(sha256(header)) < bits) {
			throw new ProofOfWorkRefused("proof-of-work-invalid",
					"SHA-256 of " + HEADER + " must start with " + bits + " zero bits");
		}
	}

	static int leadingZeroBits(byte[] hash) {
		int bits = 0;
		for (byte b : hash) {
			if (b == 0) {
				bits += 8;
				continue;
			}
			return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
		}
		return bits;
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String mac(String roomId, String userId, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			byte[] digest = mac.doFinal((roomId + "\n" + userId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a client solves: {@code bits} 0 means the room needs no work. */
	record Challenge(String challenge, int bits, Instant expiresAt) {
	}

}
