package io.headcount.bench.reference;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The floor for every HTTP figure: Spring Boot MVC on Tomcat with virtual threads, as the
 * services run, minus everything they add (security, Redis, Kafka, metrics). Started as
 * its own JVM with the services' flags by {@link HttpPingReference};
 * {@code --server.port=<port>} picks the port.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class TrivialApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TrivialApp.class);
		application.setDefaultProperties(Map.of("spring.threads.virtual.enabled", "true", "server.address", "127.0.0.1",
				"spring.main.banner-mode", "off"));
		application.run(args);
	}

}
