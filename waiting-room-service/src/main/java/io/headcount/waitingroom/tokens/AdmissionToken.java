package io.headcount.waitingroom.tokens;

import java.time.Instant;

/**
 * What an admission token says: this user may shop in this room until this time.
 *
 * @param tokenId the {@code jti}, unique per token
 */
public record AdmissionToken(String roomId, String userId, Instant issuedAt, Instant expiresAt, String tokenId) {

}
