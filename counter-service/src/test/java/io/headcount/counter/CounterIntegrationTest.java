package io.headcount.counter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.headcount.devstack.WithDevStack;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * One shared test context (instance A) against the real devstack; every
 * {@code *IntegrationTests} of this module uses it, so Spring starts it once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "headcount.security.jwt.hmac-secret=" + Api.SECRET, "headcount.rate-limit.enabled=false",
				"headcount.instance-id=counter-test-a" })
@WithDevStack
@Import(TestClockConfiguration.class)
public @interface CounterIntegrationTest {

}
