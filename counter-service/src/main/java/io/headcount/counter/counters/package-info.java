/**
 * Likes, views and generic counters side by side: controllers, the service, change types,
 * paths and settings.
 */
@NullMarked
package io.headcount.counter.counters;

import org.jspecify.annotations.NullMarked;
