package io.headcount.platform.testapp;

import io.headcount.platform.websocket.WebSocketEndpoints;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the Redis and Kafka tests run without a web server
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final WebSocketEndpoints endpoints;

	private final EchoWebSocketHandler echo;

	WebSocketConfiguration(WebSocketEndpoints endpoints, EchoWebSocketHandler echo) {
		this.endpoints = endpoints;
		this.echo = echo;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, this.echo, "/ws/echo");
	}

}
