/**
 * The live push: /ws/rooms/{roomId} sends the user's place, EWT and admission; an open
 * connection counts as a heartbeat.
 */
@NullMarked
package io.headcount.waitingroom.live;

import org.jspecify.annotations.NullMarked;
