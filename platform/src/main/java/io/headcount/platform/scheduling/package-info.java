/**
 * The one way to run periodic work on a thread of its own:
 * {@link io.headcount.platform.scheduling.PeriodicWorker}.
 */
@NullMarked
package io.headcount.platform.scheduling;

import org.jspecify.annotations.NullMarked;
