package io.headcount.waitingroom.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.headcount.devstack.WithDevStack;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A waiting-room integration test against devstack's real Redis Cluster, Kafka and
 * InfluxDB, with the settings of {@code waiting-room-test.properties}. Every test class
 * with this annotation shares one application context; each test makes rooms of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "headcount.instance-id=waiting-room-test")
@TestPropertySource(locations = Fixtures.PROPERTIES)
@WithDevStack
public @interface RoomsIntegrationTest {

}
