package io.headcount.yardstick;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The like a team would write in an afternoon instead of running Headcount: a Spring Boot
 * service with the usual starters and nothing of Headcount's platform. {@code PUT
 * /v1/objects/{objectId}/likes/me} with an HS256 JWT adds the user to the object's set
 * ({@code SADD}), increments its count when the user was new ({@code INCR}) and sends an
 * event to Kafka without waiting for the broker. The bench measures Headcount's likes
 * against it in the same run: the same devstack, the same JVM flags, the same tokens.
 * <p>
 * What it does not do, and Headcount does: retry-safe writes (its two commands are not
 * atomic: a crash between them leaves a liker not counted), time buckets, hot-object
 * coalescing, rate limits, live counts, and an event for every applied change (its send
 * is fire-and-forget: a killed instance loses what the producer still held).
 */
@SpringBootApplication(proxyBeanMethods = false)
public class YardstickApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(YardstickApp.class);
		application.setDefaultProperties(Map.of("spring.threads.virtual.enabled", "true", "server.address", "127.0.0.1",
				"spring.main.banner-mode", "off", "management.endpoint.health.probes.enabled", "true",
				"spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer",
				"spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.StringSerializer"));
		application.run(args);
	}

}
