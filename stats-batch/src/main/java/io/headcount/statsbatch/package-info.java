/** The slow path: event archive and nightly audit reports. */
@NullMarked
package io.headcount.statsbatch;

import org.jspecify.annotations.NullMarked;
