package io.headcount.waitingroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** Admission tokens: what they say, who verifies them, and a key rotation. */
class AdmissionTokensTests {

	static final Instant NOW = Instant.parse("2026-12-07T16:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String OLD = Tokens.admissionKeys("old");

	static final String NEW = Tokens.admissionKeys("new");

	static AdmissionTokens signer(String... keySets) throws Exception {
		List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>();
		for (String set : keySets) {
			keys.addAll(JWKSet.parse(set).getKeys());
		}
		return new AdmissionTokens(new TokenProperties(new JWKSet(keys).toString(false), "headcount-waiting-room"),
				CLOCK);
	}

	@Test
	void aTokenNamesRoomUserAndExpiryAndIsEs256WithTheSigningKeysId() throws Exception {
		AdmissionTokens tokens = signer(NEW);
		String token = tokens.issue("ps5", "alice", NOW.plusSeconds(600));
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("new");
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("admission+jwt");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(jwt.getJWTClaimsSet().getClaim("room")).isEqualTo("ps5");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(600));
		AdmissionToken verified = tokens.verify(token);
		assertThat(verified.roomId()).isEqualTo("ps5");
		assertThat(verified.userId()).isEqualTo("alice");
	}

	@Test
	void aRotationPublishesOldAndNewKeysAndKeepsTheOldKeysTokensValid() throws Exception {
		AdmissionTokens before = signer(OLD);
		String givenBefore = before.issue("ps5", "alice", NOW.plusSeconds(600));
		AdmissionTokens rotated = signer(NEW, OLD);
		Map<String, Object> jwks = rotated.publicJwks();
		JWKSet published = JWKSet.parse(jwks);
		assertThat(published.getKeys()).extracting(com.nimbusds.jose.jwk.JWK::getKeyID).containsExactly("new", "old");
		assertThat(published.getKeys()).noneMatch(com.nimbusds.jose.jwk.JWK::isPrivate);
		assertThat(rotated.verify(givenBefore).userId()).isEqualTo("alice");
		String givenAfter = rotated.issue("ps5", "bob", NOW.plusSeconds(600));
		assertThat(SignedJWT.parse(givenAfter).getHeader().getKeyID()).isEqualTo("new");
		// an instance not yet rotated does not know the new key
		assertThatExceptionOfType(InvalidAdmissionToken.class).isThrownBy(() -> before.verify(givenAfter))
			.withMessage("signed with an unknown key");
		// after the old key is dropped, its tokens are no longer valid
		assertThatExceptionOfType(InvalidAdmissionToken.class).isThrownBy(() -> signer(NEW).verify(givenBefore));
	}

	@Test
	void expiredForeignAndMalformedTokensAreRefusedWithAReason() throws Exception {
		AdmissionTokens tokens = signer(NEW);
		String expired = tokens.issue("ps5", "alice", NOW.minusSeconds(1));
		assertThatExceptionOfType(InvalidAdmissionToken.class).isThrownBy(() -> tokens.verify(expired))
			.withMessage("expired");
		assertThatExceptionOfType(InvalidAdmissionToken.class).isThrownBy(() -> tokens.verify("not.a.jwt"))
			.withMessage("not a signed JWT");
		String userJwt = Tokens.mint("a-secret-of-at-least-thirty-two-bytes!!", "alice", Duration.ofMinutes(5));
		assertThatExceptionOfType(InvalidAdmissionToken.class).isThrownBy(() -> tokens.verify(userJwt))
			.withMessageContaining("not an admission token");
		ECKey other = AdmissionTokens.generate("new");
		AdmissionTokens impostor = new AdmissionTokens(
				new TokenProperties(new JWKSet(other).toString(false), "headcount-waiting-room"), CLOCK);
		assertThatExceptionOfType(InvalidAdmissionToken.class)
			.isThrownBy(() -> tokens.verify(impostor.issue("ps5", "mallory", NOW.plusSeconds(60))))
			.withMessage("bad signature");
	}

}
