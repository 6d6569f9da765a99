/** The product-drop waiting room. */
package io.headcount.waitingroom;
