/**
 * The counter audit: likes, views and generic counters recounted from the archived
 * {@code CounterChanged} events, compared with the live values and time buckets in Redis,
 * and the {@code repair} command that sets drifted buckets to the recount.
 */
@NullMarked
package io.headcount.statsbatch.counters;

import org.jspecify.annotations.NullMarked;
