/**
 * The counters' Redis store: coalescing, command rounds, node batches, the batch script's
 * codec, reads, the near cache.
 */
@NullMarked
package io.headcount.counter.counters.store;

import org.jspecify.annotations.NullMarked;
