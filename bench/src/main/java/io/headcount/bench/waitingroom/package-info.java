/**
 * The waiting room's benchmarks: filling a drop's queue, its pollers' heartbeats,
 * admitting it, and waiting users on open WebSockets.
 */
@NullMarked
package io.headcount.bench.waitingroom;

import org.jspecify.annotations.NullMarked;
