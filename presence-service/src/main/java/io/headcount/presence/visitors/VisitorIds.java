package io.headcount.presence.visitors;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The ids of the visitors API: their shapes, checks, and new session ids. */
final class VisitorIds {

	static final String SITE_ID_REGEX = "[A-Za-z0-9._-]{1,64}";

	/** 12 random bytes, base64url: 96 bits nobody can guess, 16 characters in Redis. */
	static final String SESSION_ID_REGEX = "[A-Za-z0-9_-]{16}";

	/** A page path or an object id: {@code /blog/post-1}, {@code post:42}. */
	static final String OBJECT_ID_REGEX = "[A-Za-z0-9._~:/@!$*+=-]{1,128}";

	private static final Pattern SITE_ID = Pattern.compile(SITE_ID_REGEX);

	private static final Pattern SESSION_ID = Pattern.compile(SESSION_ID_REGEX);

	private static final Pattern OBJECT_ID = Pattern.compile(OBJECT_ID_REGEX);

	private static final SecureRandom random = new SecureRandom();

	private VisitorIds() {
	}

	static String site(String siteId) {
		if (!SITE_ID.matcher(siteId).matches()) {
			throw new InvalidVisitorInput("siteId must match " + SITE_ID_REGEX);
		}
		return siteId;
	}

	static String session(String sessionId) {
		if (!SESSION_ID.matcher(sessionId).matches()) {
			throw new InvalidVisitorInput(
					"sessionId must be a session id this service gave (" + SESSION_ID_REGEX + ")");
		}
		return sessionId;
	}

	static @Nullable String object(@Nullable String objectId) {
		if (objectId != null && !OBJECT_ID.matcher(objectId).matches()) {
			throw new InvalidVisitorInput("object must match " + OBJECT_ID_REGEX);
		}
		return objectId;
	}

	static String newSession() {
		byte[] bytes = new byte[12];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
