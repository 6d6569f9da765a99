/**
 * Counter-service benchmarks: like and view writes, near-cache reads, latency at a fixed
 * rate.
 */
package io.headcount.bench.counter;
