/**
 * The visitor sessions report: sessionizing, lost closes, bots and spam, concurrency
 * curves, session lengths, and the fast path's per-second counts compared with the
 * batch's.
 */
@NullMarked
package io.headcount.statsbatch.sessions;

import org.jspecify.annotations.NullMarked;
