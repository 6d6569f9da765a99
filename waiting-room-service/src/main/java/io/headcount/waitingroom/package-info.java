/** The product-drop waiting room. */
@NullMarked
package io.headcount.waitingroom;

import org.jspecify.annotations.NullMarked;
