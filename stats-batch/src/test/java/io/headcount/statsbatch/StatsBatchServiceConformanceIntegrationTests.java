package io.headcount.statsbatch;

import io.headcount.platform.servicetest.ServiceConformanceIntegrationTests;

/** Health, OpenAPI coverage and per-second metrics in InfluxDB, on the real servers. */
class StatsBatchServiceConformanceIntegrationTests extends ServiceConformanceIntegrationTests {

}
