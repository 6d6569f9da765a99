/** Minute, hour and day buckets: series and totals between two instants. */
package io.headcount.counter.series;
