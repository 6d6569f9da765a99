package io.headcount.waitingroom;

import io.headcount.platform.servicetest.ServiceConformanceIntegrationTests;

/** Health, OpenAPI coverage and per-second metrics in InfluxDB, on the real servers. */
class WaitingRoomServiceConformanceIntegrationTests extends ServiceConformanceIntegrationTests {

}
