/** Generic per-object counters: the Redis adapter every counter kind writes through, reads, batch reads. */
package io.headcount.counter.counters;
