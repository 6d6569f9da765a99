/**
 * User status: REST API, the presence state machine (a Lua script per shard) and its
 * Redis adapter.
 */
@NullMarked
package io.headcount.presence.status;

import org.jspecify.annotations.NullMarked;
