/**
 * Live subscriptions: the /ws/presence WebSocket and fan-out across instances over
 * sharded pub/sub.
 */
@NullMarked
package io.headcount.presence.subscriptions;

import org.jspecify.annotations.NullMarked;
