package io.headcount.waitingroom.live;

/**
 * The one frame a client may send, {@code {"type":"heartbeat"}}: optional, since an open
 * connection already counts as a heartbeat; it asks for the place at once.
 */
record ClientFrame(String type) {

}
