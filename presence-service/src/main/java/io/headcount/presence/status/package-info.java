/** User status: REST API, the presence state machine (a Lua script per shard) and its Redis adapter. */
package io.headcount.presence.status;
