/**
 * Every service is an OAuth2 resource server: JWTs (HS256 shared secret, or an issuer's
 * keys), public and admin paths, WebSocket tokens in the query string, and 401/403 as
 * problem details.
 */
@NullMarked
package io.headcount.platform.security;

import org.jspecify.annotations.NullMarked;
