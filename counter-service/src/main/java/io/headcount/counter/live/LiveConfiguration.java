package io.headcount.counter.live;

import io.headcount.counter.config.CounterProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers {@code /ws/counters}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private final LiveCountsHandler handler;

	LiveConfiguration(LiveCounts live, JsonMapper json, CounterProperties properties) {
		this.handler = new LiveCountsHandler(live, json, properties);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws/counters").setAllowedOriginPatterns("*");
	}

}
