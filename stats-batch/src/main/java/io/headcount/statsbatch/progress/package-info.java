/** Progress of long runs (phase, events read, files written), logged as they go. */
@NullMarked
package io.headcount.statsbatch.progress;

import org.jspecify.annotations.NullMarked;
