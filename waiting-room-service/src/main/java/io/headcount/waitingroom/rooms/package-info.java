/**
 * Rooms: configuration, the FIFO queue and the shop (room.lua), the admission loop, the
 * EWT, and the REST API of rooms and entries.
 */
@NullMarked
package io.headcount.waitingroom.rooms;

import org.jspecify.annotations.NullMarked;
