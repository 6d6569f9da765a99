package io.headcount.waitingroom.live;

import java.net.URI;
import java.time.Instant;

import io.headcount.waitingroom.rooms.Entry;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"type":"place", ...}}: the user's entry, as the REST answers give it; on
 * admission it holds the redirect URL and the admission token.
 */
record PlaceFrame(String type, String roomId, String state, long position, Entry.@Nullable Ewt ewt, long refreshSeconds,
		@Nullable String admissionToken, @Nullable URI redirectUrl, @Nullable Instant shoppingEndsAt) {

	static PlaceFrame of(Entry entry) {
		return new PlaceFrame("place", entry.roomId(), entry.state(), entry.position(), entry.ewt(),
				entry.refreshSeconds(), entry.admissionToken(), entry.redirectUrl(), entry.shoppingEndsAt());
	}

	/**
	 * What a client needs to hear again: everything but the token, which is new each
	 * time.
	 */
	String signature() {
		return this.state + "/" + this.position + "/" + this.ewt;
	}

}
