package io.headcount.platform.testapp;

import io.headcount.platform.servicetest.ServiceConformanceIntegrationTests;

import org.springframework.test.context.TestPropertySource;

/**
 * The conformance every service inherits, on an application that only adds the platform:
 * proves the platform alone gives health with Redis and Kafka, probes, OpenAPI and
 * per-second metrics in InfluxDB.
 */
@TestPropertySource(properties = "spring.application.name=platform-test")
class PlatformConformanceIntegrationTests extends ServiceConformanceIntegrationTests {

	/** The test app's endpoints that fail on purpose (a bug's 500, Redis's 503). */
	@Override
	protected boolean hostileTarget(String pattern) {
		return !pattern.equals("/v1/boom") && !pattern.equals("/v1/redis");
	}

}
