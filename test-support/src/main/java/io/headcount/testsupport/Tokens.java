package io.headcount.testsupport;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The one minter of development JWTs (HS256, signed with the stack's shared secret): for
 * the tests, the bench and {@code ./headcount token}. Production tokens come from an
 * identity provider.
 */
public final class Tokens {

	/** HS256 needs a key at least as long as its hash. */
	public static final int MIN_SECRET_BYTES = 32;

	/**
	 * The lifetime of a token from the command line unless {@code --ttl} says otherwise.
	 */
	static final Duration DEFAULT_CLI_TTL = Duration.ofHours(12);

	private static final String USAGE = "usage: ./headcount token <user> [--admin] [--ttl DURATION]";

	private Tokens() {
	}

	/**
	 * A compact JWT with {@code sub}, {@code iat}, {@code exp}, {@code jti} and, if any
	 * scopes are given, a space-separated {@code scope} claim (which becomes
	 * {@code SCOPE_x} authorities).
	 * @param ttl lifetime from now; negative for an already expired token
	 */
	public static String mint(String secret, String subject, Duration ttl, String... scopes) {
		Instant now = Instant.now();
		Instant expiresAt = now.plus(ttl);
		// an expired token must still be well formed: issued before it expired
		Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minusSeconds(60);
		return sign(secret, (claims) -> {
			claims.subject(subject)
				.issueTime(Date.from(issuedAt))
				.expirationTime(Date.from(expiresAt))
				.jwtID(UUID.randomUUID().toString());
			if (scopes.length > 0) {
				claims.claim("scope", String.join(" ", scopes));
			}
		});
	}

	/**
	 * A token with exactly the claims given (none added): for tests of odd or hostile
	 * tokens.
	 */
	public static String sign(String secret, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.accept(builder);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
		byte[] key = secret.getBytes(StandardCharsets.UTF_8);
		if (key.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"The JWT secret must be at least " + MIN_SECRET_BYTES + " bytes, got " + key.length);
		}
		try {
			jwt.sign(new MACSigner(new SecretKeySpec(key, "HmacSHA256")));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cannot sign with this secret: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

	/**
	 * {@code Tokens <user> [--admin] [--ttl DURATION]}, the code of
	 * {@code ./headcount token}: prints a token for the secret in
	 * {@code HEADCOUNT_JWT_SECRET}. DURATION is ISO-8601 ({@code PT2H}) or a number with
	 * a unit ({@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}); 12 h by default. The
	 * token always has {@code sub} and {@code exp}.
	 */
	public static void main(String[] args) {
		int status = cli(List.of(args), System.getenv("HEADCOUNT_JWT_SECRET"), System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	/** {@link #main} without the process: 0 with the token on {@code out}, else 2. */
	static int cli(List<String> args, @Nullable String secret, PrintStream out, PrintStream err) {
		try {
			out.println(mint(args, secret));
			return 0;
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 2;
		}
	}

	private static String mint(List<String> args, @Nullable String secret) {
		String user = null;
		Duration ttl = DEFAULT_CLI_TTL;
		List<String> scopes = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--admin" -> scopes.add("admin");
				case "--ttl" -> {
					if (i + 1 >= args.size()) {
						throw new IllegalArgumentException("--ttl needs a duration, e.g. --ttl 30m");
					}
					ttl = duration(args.get(++i));
				}
				default -> {
					if (arg.startsWith("-") || user != null) {
						throw new IllegalArgumentException(USAGE);
					}
					user = arg;
				}
			}
		}
		if (user == null || user.isBlank()) {
			throw new IllegalArgumentException(USAGE);
		}
		if (!ttl.isPositive()) {
			throw new IllegalArgumentException("--ttl must be positive, not " + ttl);
		}
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException(
					"HEADCOUNT_JWT_SECRET is not set: start the stack with ./headcount run, or export the secret");
		}
		return mint(secret, user, ttl, scopes.toArray(String[]::new));
	}

	static Duration duration(String text) {
		try {
			if (text.startsWith("P") || text.startsWith("p")) {
				return Duration.parse(text);
			}
			long amount = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				case 'd' -> Duration.ofDays(amount);
				default -> throw new IllegalArgumentException(text);
			};
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"not a duration: " + text + " (use 90s, 30m, 12h, 7d or ISO-8601 such as PT2H)", ex);
		}
	}

}
