/** Live counts over WebSocket: subscriptions, coalesced pushes with versions, cross-instance change feed. */
package io.headcount.counter.live;
