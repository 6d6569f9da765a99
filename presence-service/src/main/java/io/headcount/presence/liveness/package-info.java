/**
 * Liveness: per-device deadlines in Redis and the sweeper that turns missed deadlines
 * into offline.
 */
@NullMarked
package io.headcount.presence.liveness;

import org.jspecify.annotations.NullMarked;
