/** Room configuration (capacity, queue limit, shopping time) and its read-only API. */
package io.headcount.waitingroom.rooms;
