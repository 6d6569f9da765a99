package io.headcount.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokensTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void theCommandLineMintsASignedTokenWithSubjectExpiryAndTheAdminScope() throws Exception {
		assertThat(cli(SECRET, "bob", "--admin", "--ttl", "30m")).isZero();

		JWTClaimsSet claims = verified(this.out.toString(StandardCharsets.UTF_8).strip());
		assertThat(claims.getSubject()).isEqualTo("bob");
		assertThat(claims.getStringClaim("scope")).isEqualTo("admin");
		assertThat(claims.getExpirationTime().toInstant()).isCloseTo(Instant.now().plus(Duration.ofMinutes(30)),
				within(Duration.ofSeconds(10)));
	}

	@Test
	void aTokenFromTheCommandLineLastsTwelveHoursAndHasNoScopeUnlessAsked() throws Exception {
		assertThat(cli(SECRET, "alice")).isZero();

		JWTClaimsSet claims = verified(this.out.toString(StandardCharsets.UTF_8).strip());
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.getClaim("scope")).isNull();
		assertThat(claims.getExpirationTime().toInstant()).isCloseTo(Instant.now().plus(Duration.ofHours(12)),
				within(Duration.ofSeconds(10)));
	}

	@Test
	void theCommandLineSaysWhatIsWrongAndMintsNothing() {
		assertThat(cli(null, "alice")).isEqualTo(2);
		assertThat(cli(SECRET)).isEqualTo(2);
		assertThat(cli(SECRET, "alice", "--ttl", "soon")).isEqualTo(2);
		assertThat(cli(SECRET, "alice", "--ttl", "-5m")).isEqualTo(2);
		assertThat(cli(SECRET, "alice", "--root")).isEqualTo(2);

		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("HEADCOUNT_JWT_SECRET is not set",
				"usage: ./headcount token <user> [--admin] [--ttl DURATION]", "not a duration: soon",
				"--ttl must be positive");
	}

	@Test
	void durationsAreIsoOrANumberWithAUnit() {
		assertThat(Tokens.duration("90s")).hasSeconds(90);
		assertThat(Tokens.duration("12h")).hasHours(12);
		assertThat(Tokens.duration("7d")).hasDays(7);
		assertThat(Tokens.duration("PT2H")).hasHours(2);
	}

	private int cli(@Nullable String secret, String... args) {
		return Tokens.cli(List.of(args), secret, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static JWTClaimsSet verified(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
		return jwt.getJWTClaimsSet();
	}

	@Test
	void admissionKeysAreAnEcP256PrivateKeySetWithAKeyId() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = Tokens.cli(List.of(Tokens.ADMISSION_KEYS), null, new PrintStream(out, true),
				new PrintStream(new ByteArrayOutputStream()));
		assertThat(status).isZero();
		JWKSet keys = JWKSet.parse(out.toString().strip());
		assertThat(keys.getKeys()).hasSize(1);
		ECKey key = keys.getKeys().getFirst().toECKey();
		assertThat(key.getCurve()).isEqualTo(Curve.P_256);
		assertThat(key.isPrivate()).isTrue();
		assertThat(key.getKeyID()).startsWith("dev-");
	}

}
