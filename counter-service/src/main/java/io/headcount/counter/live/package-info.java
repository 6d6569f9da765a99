/**
 * Live counts over WebSocket: subscriptions, coalesced pushes with versions,
 * cross-instance change feed.
 */
@NullMarked
package io.headcount.counter.live;

import org.jspecify.annotations.NullMarked;
