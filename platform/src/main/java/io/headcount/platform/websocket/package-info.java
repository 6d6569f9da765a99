/**
 * WebSocket plumbing the live services share: authenticated handshakes, JSON text frames,
 * send-time and buffer limits per session, coalescing for slow consumers, a registry of
 * open sessions, and Tomcat tuned for many idle connections.
 * <p>
 * One policy for errors, the same in every service:
 * <ul>
 * <li><b>Protocol errors close the connection</b> with a close code and a reason: a frame
 * that is not JSON closes with 1007 (invalid payload), JSON that is not a message the
 * endpoint understands (or a binary frame) with 1003 (unsupported data), a message over
 * {@code headcount.websocket.max-text-message-size} with 1009 (too big), and a client
 * that cannot keep up with 1008 (policy). A handshake parameter the endpoint cannot work
 * with (a malformed device id) closes the connection at once with 1007.</li>
 * <li><b>Application refusals do not</b>: a valid message the service refuses (too many
 * subscriptions, a missing or malformed id inside it, an unknown room) is answered with
 * an error frame {@code {"type":"error","code":"...","detail":"..."}}, nothing of it is
 * applied, and the connection stays open. A handler throws
 * {@link io.headcount.platform.websocket.MessageRefusedException} (or sends
 * {@link io.headcount.platform.websocket.LiveSession#sendError} for a failure that comes
 * later, such as Redis being unavailable).</li>
 * </ul>
 * A server shutdown closes with 1001 (going away), so that clients reconnect to another
 * instance.
 * <p>
 * A service registers a {@link io.headcount.platform.websocket.JsonWebSocketHandler}
 * under {@code /ws/**} (where Spring Security accepts the {@code access_token} query
 * parameter) with {@link io.headcount.platform.websocket.WebSocketEndpoints#register}.
 * <p>
 * Memory per idle connection: set the JVM flag
 * {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=512} (Tomcat reads it once, in
 * a static initializer, possibly before any Spring code runs; the platform sets it when
 * it is still in time and warns at startup when it was not). With it and the small
 * message and socket buffers set here, an idle connection holds a small fraction of the
 * heap it would otherwise (docs/presence.md has the figures).
 * <p>
 * Open sessions keep nothing of the handshake but the user:
 * {@link io.headcount.platform.websocket.WebSocketEndpoints} upgrades through a strategy
 * that gives Spring's and Tomcat's sessions a principal holding only the JWT subject, no
 * copied headers or parameter map, and a URI without {@code access_token}. Read a
 * handshake header in a {@code HandshakeInterceptor} if a handler needs it.
 */
@NullMarked
package io.headcount.platform.websocket;

import org.jspecify.annotations.NullMarked;
