/**
 * Load generators and their output parsers: {@code wrk}, {@code redis-benchmark} and an
 * open-model fixed-rate HTTP client. Every target is checked to be 127.0.0.1.
 */
package io.headcount.bench.load;
