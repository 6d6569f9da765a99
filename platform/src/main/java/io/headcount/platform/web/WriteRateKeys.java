package io.headcount.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Whose budget an anonymous write spends, where the client address is the wrong key. A
 * service declares one bean of this type; without it (or when it answers null) an
 * anonymous write is limited per client address, an authenticated one per JWT subject.
 * <p>
 * presence-service keys a visitor session's heartbeats and closes by the session: a
 * thousand pages behind one NAT address heartbeat far more often than one address's
 * budget allows, and each session's own calls are what must stay bounded.
 */
@FunctionalInterface
public interface WriteRateKeys {

	/** The budget's key of an anonymous write, or null for the client address. */
	@Nullable String keyOf(HttpServletRequest request);

}
