/**
 * Tests of {@code ./headcount} as a user runs it, and of the README's runnable snippets.
 */
@NullMarked
package io.headcount.scripts;

import org.jspecify.annotations.NullMarked;
