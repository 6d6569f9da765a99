/** Likes, views, generic counters and their time-bucketed statistics. */
package io.headcount.counter;
