/**
 * The references every benchmark is compared with, measured in the same run: Redis
 * Cluster INCR with {@code redis-benchmark}, and a trivial Spring Boot endpoint
 * ({@link io.headcount.bench.reference.TrivialApp}) with {@code wrk} and at a fixed rate.
 */
package io.headcount.bench.reference;
