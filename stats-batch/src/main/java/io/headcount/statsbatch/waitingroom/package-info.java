/**
 * The waiting-room audit: joins, admissions, departures by reason, FIFO violations, wait
 * times, EWT accuracy and abandonment.
 */
@NullMarked
package io.headcount.statsbatch.waitingroom;

import org.jspecify.annotations.NullMarked;
