/**
 * Event statistics: numeric events of named types recorded through the counters' write
 * path, and their count, sum, average, minimum and maximum per minute, hour and day.
 */
@NullMarked
package io.headcount.counter.stats;

import org.jspecify.annotations.NullMarked;
