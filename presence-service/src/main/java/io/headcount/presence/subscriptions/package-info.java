/** Live subscriptions: the /ws/presence WebSocket and fan-out across instances over sharded pub/sub. */
package io.headcount.presence.subscriptions;
