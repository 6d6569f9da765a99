/** The presence summary: online users per minute and its peak, status transitions. */
@NullMarked
package io.headcount.statsbatch.presence;

import org.jspecify.annotations.NullMarked;
