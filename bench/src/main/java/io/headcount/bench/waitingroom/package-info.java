/** The waiting room's benchmarks: filling a drop's queue, and admitting it. */
@NullMarked
package io.headcount.bench.waitingroom;

import org.jspecify.annotations.NullMarked;
