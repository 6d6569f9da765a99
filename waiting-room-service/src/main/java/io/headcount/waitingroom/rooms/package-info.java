/** Room configuration (capacity, queue limit, shopping time) and its read-only API. */
@NullMarked
package io.headcount.waitingroom.rooms;

import org.jspecify.annotations.NullMarked;
