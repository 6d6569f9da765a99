package io.headcount.presence.support;

import java.util.HashMap;
import java.util.Map;

import io.headcount.presence.PresenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the service in this JVM: its own context, port, Redis and Kafka
 * clients.
 */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondInstance start() {
		Map<String, Object> properties = new HashMap<>(Fixtures.instanceProperties());
		properties.put("headcount.instance-id", "second");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PresenceApplication.class)
			.properties(properties)
			.run("--server.port=0"); // a command-line argument outranks
										// application.yaml's ${PORT:8081}
		return new SecondInstance(context);
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
