package io.headcount.waitingroom.rooms;

/**
 * A room's state: open rooms admit; paused rooms queue but admit nobody; closed and sold
 * out rooms take no one new (sold out also dropped its queue).
 */
public enum RoomState {

	OPEN, PAUSED, CLOSED, SOLD_OUT

}
