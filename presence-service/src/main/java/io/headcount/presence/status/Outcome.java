package io.headcount.presence.status;

import java.time.Instant;

/**
 * What one device command (or one expired deadline) did to a user.
 *
 * @param userId the user
 * @param deviceId the device that acted or expired
 * @param previous the user's effective status before
 * @param status the user's effective status after
 * @param lastActiveAt last activity (private: includes time spent invisible), or null if
 * never
 * @param publicLastActiveAt last activity while visible, or null if never
 * @param seq sequence number of the user's public changes
 * @param reason what caused it: the operation (hb, online, …, linger) or "timeout"
 * @param at when it happened, by Redis' clock
 */
public record Outcome(String userId, String deviceId, PresenceStatus previous, PresenceStatus status,
		Instant lastActiveAt, Instant publicLastActiveAt, long seq, String reason, Instant at) {

	/** The user's effective status changed. */
	public boolean isTransition() {
		return this.previous != this.status;
	}

	/** Other users see a change (invisible and offline look the same to them). */
	public boolean isPublicTransition() {
		return this.previous.publicView() != this.status.publicView();
	}

	/** How the user sees themselves. */
	public PresenceView selfView() {
		return new PresenceView(this.userId, this.status, this.lastActiveAt, this.seq);
	}

}
