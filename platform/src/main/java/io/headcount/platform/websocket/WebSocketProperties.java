package io.headcount.platform.websocket;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code headcount.websocket.*}.
 *
 * @param maxTextMessageSize largest incoming text message, in characters; larger closes
 * with 1009. Messages are assembled from Tomcat's small frames, so this costs memory only
 * while a large message is being received
 * @param sendTimeLimit longest a send to one client may take; a slower client is closed
 * (1008)
 * @param sendBufferSizeLimit most bytes buffered for one client while a send is in
 * progress
 * @param flushInterval how often coalesced updates are flushed to clients
 * @param containerBufferSize Tomcat's per-connection text message buffer: allocated for
 * every open connection, so small (binary frames are refused, their buffer is smaller
 * still)
 * @param socketBufferSize the Tomcat connector's {@code socket.appReadBufSize} and
 * {@code socket.appWriteBufSize}, also per connection
 * @param idleTimeout close a connection that received nothing for this long; zero for
 * never
 * @param allowedOriginPatterns browser origins allowed to connect; tokens, not cookies,
 * authenticate, so this is not what keeps other sites out
 */
@ConfigurationProperties("headcount.websocket")
public record WebSocketProperties(@DefaultValue("4096") int maxTextMessageSize,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("64KB") DataSize sendBufferSizeLimit,
		@DefaultValue("50ms") Duration flushInterval, @DefaultValue("1KB") DataSize containerBufferSize,
		@DefaultValue("1KB") DataSize socketBufferSize, @DefaultValue("0s") Duration idleTimeout,
		@DefaultValue("*") List<String> allowedOriginPatterns) {

}
