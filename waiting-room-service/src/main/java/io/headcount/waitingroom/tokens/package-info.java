/**
 * Admission tokens: ES256 JWTs naming room, user and expiry, signed with the configured
 * keys, their public keys at /.well-known/jwks.json, and a verify endpoint for webshops.
 */
@NullMarked
package io.headcount.waitingroom.tokens;

import org.jspecify.annotations.NullMarked;
