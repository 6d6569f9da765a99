/**
 * Synthetic event days with known answers (volume, lost-close rate and bot share
 * configurable), written in the archive's layout, for tests and the benchmark.
 */
@NullMarked
package io.headcount.statsbatch.generator;

import org.jspecify.annotations.NullMarked;
