/** User presence and site visitors. */
@NullMarked
package io.headcount.presence;

import org.jspecify.annotations.NullMarked;
