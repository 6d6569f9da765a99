/**
 * Metrics every service shares: the {@code service} and {@code instance} tags, and
 * fleet-wide gauges that exactly one replica reports at a time.
 */
@NullMarked
package io.headcount.platform.metrics;

import org.jspecify.annotations.NullMarked;
