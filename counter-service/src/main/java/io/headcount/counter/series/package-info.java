/** Minute, hour and day buckets: series and totals between two instants. */
@NullMarked
package io.headcount.counter.series;

import org.jspecify.annotations.NullMarked;
