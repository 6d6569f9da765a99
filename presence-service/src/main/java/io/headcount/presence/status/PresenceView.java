package io.headcount.presence.status;

import java.time.Instant;

/**
 * A user's presence as one viewer sees it.
 *
 * @param userId the user
 * @param status online, away or offline (invisible only when users look at themselves)
 * @param lastActiveAt last activity, null when unknown or older than the last-active TTL
 * @param seq increases with each change others can see; ignore updates with a smaller seq
 */
public record PresenceView(String userId, PresenceStatus status, Instant lastActiveAt, long seq) {

}
