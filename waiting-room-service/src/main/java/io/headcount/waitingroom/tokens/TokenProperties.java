package io.headcount.waitingroom.tokens;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code headcount.waiting-room.tokens.*}.
 *
 * @param keys a JWK set (JSON) of EC P-256 private keys, each with a {@code kid}: the
 * first signs, all are published (put the new key first and keep the old one to rotate);
 * {@code ./headcount run} generates one ({@code HEADCOUNT_WAITINGROOM_TOKENS_KEYS}). When
 * empty, each instance makes a key of its own that only it publishes.
 * @param issuer the {@code iss} of every admission token
 */
@ConfigurationProperties("headcount.waiting-room.tokens")
public record TokenProperties(@Nullable String keys, @DefaultValue("headcount-waiting-room") String issuer) {

}
