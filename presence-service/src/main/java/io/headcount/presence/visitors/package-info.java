/**
 * Site visitors: anonymous sessions per site (open, heartbeat, close), the exact
 * concurrent count over a sliding timeout and per object, its live push, the sites'
 * configuration, and the Lua script and Redis adapter behind them.
 */
@NullMarked
package io.headcount.presence.visitors;

import org.jspecify.annotations.NullMarked;
