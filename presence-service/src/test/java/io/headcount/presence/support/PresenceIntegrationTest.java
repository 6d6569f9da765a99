package io.headcount.presence.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.headcount.devstack.WithDevStack;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A presence integration test against devstack's real Redis Cluster, Kafka and InfluxDB,
 * with the short timings of {@code presence-test.properties} (d = 1 s, δ = 500 ms:
 * offline after 2 s; grace 1 s). Every test class with this annotation shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "headcount.instance-id=presence-test")
@TestPropertySource(locations = Fixtures.PROPERTIES)
@WithDevStack
public @interface PresenceIntegrationTest {

}
