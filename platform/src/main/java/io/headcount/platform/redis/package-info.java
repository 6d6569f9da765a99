/**
 * Redis Cluster client tuning (topology refresh for fast failover, command timeouts) and
 * loading of the Lua scripts that live next to each feature.
 */
@NullMarked
package io.headcount.platform.redis;

import org.jspecify.annotations.NullMarked;
