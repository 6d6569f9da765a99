package io.headcount.platform.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketHandler;

/**
 * The session registry and flusher, handler registration, and a servlet container sized
 * for many idle connections.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
@EnableConfigurationProperties(WebSocketProperties.class)
public final class WebSocketAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketSessions webSocketSessions(WebSocketProperties properties, ObjectProvider<JsonMapper> json,
			ObjectProvider<MeterRegistry> registry) {
		return new WebSocketSessions(properties, json.getIfAvailable(() -> JsonMapper.builder().build()),
				registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketEndpoints webSocketEndpoints(WebSocketProperties properties) {
		return new WebSocketEndpoints(properties);
	}

	@Bean
	@ConditionalOnClass(ServerContainer.class)
	WebSocketContainerTuning webSocketContainerTuning(WebSocketProperties properties) {
		return new WebSocketContainerTuning(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatConnectorCustomizer.class })
	static class TomcatConfiguration {

		/**
		 * Boot has no property for these: the NIO connector's per-connection application
		 * buffers (8 KiB each by default), held for as long as a WebSocket stays open.
		 */
		@Bean
		TomcatConnectorCustomizer headcountSmallSocketBuffers(WebSocketProperties properties) {
			String size = Long.toString(properties.socketBufferSize().toBytes());
			return (connector) -> {
				connector.setProperty("socket.appReadBufSize", size);
				connector.setProperty("socket.appWriteBufSize", size);
			};
		}

	}

}
