package io.headcount.presence;

import io.headcount.platform.servicetest.ServiceConformanceIntegrationTests;

/** Health, OpenAPI coverage and per-second metrics in InfluxDB, on the real servers. */
class PresenceServiceConformanceIntegrationTests extends ServiceConformanceIntegrationTests {

}
