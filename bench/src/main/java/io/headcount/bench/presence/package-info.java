/**
 * Presence benchmarks: open WebSockets and heap per connection, heartbeats per second,
 * fan-out latency.
 */
package io.headcount.bench.presence;
