/** Views with Idempotency-Key replays and HyperLogLog unique viewers. */
package io.headcount.counter.views;
