package io.headcount.waitingroom.tokens;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies admission tokens (ES256 JWTs): the first configured key signs, every
 * configured key verifies and is published, so that a rotation (new key first, old key
 * kept) leaves the tokens already given out valid.
 */
public class AdmissionTokens {

	/** The JWT {@code typ} of admission tokens, so no other JWT passes for one. */
	static final JOSEObjectType TYPE = new JOSEObjectType("admission+jwt");

	private static final Logger logger = LoggerFactory.getLogger(AdmissionTokens.class);

	private final List<ECKey> keys;

	private final ECDSASigner signer;

	private final String issuer;

	private final Clock clock;

	AdmissionTokens(TokenProperties properties, Clock clock) {
		this.keys = keys(properties.keys());
		this.issuer = properties.issuer();
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(this.keys.getFirst());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign with admission key " + this.keys.getFirst().getKeyID(), ex);
		}
	}

	private static List<ECKey> keys(@Nullable String jwks) {
		if (jwks == null || jwks.isBlank()) {
			logger.warn("No admission token keys configured (headcount.waiting-room.tokens.keys): this instance "
					+ "signs with a key of its own, which other instances do not publish");
			return List.of(generate("ephemeral-" + UUID.randomUUID()));
		}
		try {
			List<ECKey> keys = JWKSet.parse(jwks).getKeys().stream().map((JWK key) -> {
				if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()
						|| ec.getKeyID() == null) {
					throw new IllegalStateException(
							"Admission token keys must be EC P-256 private keys with a kid: " + key.getKeyID());
				}
				return ec;
			}).toList();
			if (keys.isEmpty()) {
				throw new IllegalStateException("headcount.waiting-room.tokens.keys holds no key");
			}
			return keys;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("headcount.waiting-room.tokens.keys is not a JWK set: " + ex.getMessage(),
					ex);
		}
	}

	/** A new EC P-256 key (for the run command's development key and for tests). */
	public static ECKey generate(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A signed token for this user in this room until {@code expiresAt}. */
	public String issue(String roomId, String userId, Instant expiresAt) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(userId)
			.claim("room", roomId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(this.keys.getFirst().getKeyID()).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign an admission token", ex);
		}
		return jwt.serialize();
	}

	/**
	 * The token's claims if one of the configured keys signed it, it is an admission
	 * token of this issuer and it has not expired.
	 */
	AdmissionToken verify(String token) throws InvalidAdmissionToken {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new InvalidAdmissionToken("not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())) {
			throw new InvalidAdmissionToken("not an admission token (alg ES256, typ admission+jwt)");
		}
		ECKey key = this.keys.stream()
			.filter((candidate) -> candidate.getKeyID().equals(header.getKeyID()))
			.findFirst()
			.orElseThrow(() -> new InvalidAdmissionToken("signed with an unknown key"));
		try {
			if (!jwt.verify(new ECDSAVerifier(key.toPublicJWK()))) {
				throw new InvalidAdmissionToken("bad signature");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expires = claims.getExpirationTime();
			Object room = claims.getClaim("room");
			if (!this.issuer.equals(claims.getIssuer()) || claims.getSubject() == null || !(room instanceof String)
					|| expires == null || claims.getIssueTime() == null || claims.getJWTID() == null) {
				throw new InvalidAdmissionToken("not an admission token of " + this.issuer);
			}
			if (!expires.toInstant().isAfter(this.clock.instant())) {
				throw new InvalidAdmissionToken("expired");
			}
			return new AdmissionToken((String) room, claims.getSubject(), claims.getIssueTime().toInstant(),
					expires.toInstant(), claims.getJWTID());
		}
		catch (JOSEException | ParseException ex) {
			throw new InvalidAdmissionToken("cannot be verified");
		}
	}

	/**
	 * A secret for another HMAC of this service (the join challenges), the same on every
	 * instance configured with the same signing key, and unrelated to the key itself.
	 */
	public byte[] derivedSecret(String purpose) {
		try {
			java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
			sha.update(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			sha.update(this.keys.getFirst().getD().decode());
			return sha.digest();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public keys, as /.well-known/jwks.json serves them. */
	Map<String, Object> publicJwks() {
		return new JWKSet(this.keys.stream().map((key) -> (JWK) key.toPublicJWK()).toList()).toJSONObject(true);
	}

}
