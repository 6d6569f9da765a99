/** Liveness: per-device deadlines in Redis and the sweeper that turns missed deadlines into offline. */
package io.headcount.presence.liveness;
