package io.headcount.presence.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.headcount.devstack.WithDevStack;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A presence integration test against devstack's real Redis Cluster, Kafka and InfluxDB, with short
 * timings so that timeouts happen within seconds: d = 1 s, δ = 500 ms (offline after 2 s), grace 1 s.
 * Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"headcount.security.jwt.hmac-secret=" + Fixtures.SECRET,
		"headcount.presence.heartbeat-interval=" + Fixtures.D,
		"headcount.presence.delta=" + Fixtures.DELTA,
		"headcount.presence.grace=" + Fixtures.GRACE,
		"headcount.presence.sweep-interval=100ms",
		"headcount.presence.sweep-lease=300ms",
		"headcount.rate-limit.enabled=false",
		"headcount.instance-id=presence-test" })
@WithDevStack
public @interface PresenceIntegrationTest {

}
