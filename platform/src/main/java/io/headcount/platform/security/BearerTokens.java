package io.headcount.platform.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one reading of an {@code Authorization} header, shared by the security chain's
 * resolver and any lane that answers before the chain (counter-service's fast lane), so
 * that both accept exactly the same headers: {@code Bearer}, any case, one space, then an
 * RFC 6750 {@code b64token}.
 */
public final class BearerTokens {

	private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	private BearerTokens() {
	}

	/** Whether the header claims to carry a bearer token at all. */
	public static boolean isBearer(@Nullable String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6);
	}

	/** The token, or null when the header is absent, another scheme, or malformed. */
	public static @Nullable String token(@Nullable String authorization) {
		if (!isBearer(authorization)) {
			return null;
		}
		Matcher matcher = BEARER.matcher(authorization);
		return matcher.matches() ? matcher.group("token") : null;
	}

}
