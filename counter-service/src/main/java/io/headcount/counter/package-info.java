/** Likes, views, generic counters and their time-bucketed statistics. */
@NullMarked
package io.headcount.counter;

import org.jspecify.annotations.NullMarked;
